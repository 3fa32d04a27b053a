using System.Text.Json.Nodes;
using FairDatabase.Core.Anonymization.Workspace;

namespace FairDatabase.Core.Releases.Lineage;

/// <summary>What the workflow recorded about an anonymized dataset when it was saved.</summary>
/// <param name="SourceKind">"upload" or "dataset" (<see cref="WorkspaceSource"/>).</param>
/// <param name="SourceDatasetId">The stored dataset it started from; null for an uploaded file.</param>
/// <param name="RecipeJson">The workflow state as JSON, DP secrets removed.</param>
public sealed record DatasetLineage(
    Guid DatasetId,
    Guid OwnerId,
    string SourceKind,
    string SourceName,
    Guid? SourceDatasetId,
    string RecipeJson,
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<string> SensitiveAttributes)
{
    /// <summary>The recipe's mappings, to replay on the source (its per-value maps are what the rules compiled to).</summary>
    public IReadOnlyList<ColumnMapping> Mappings => WorkspaceState.FromJson(RecipeJson).Mappings;
}

/// <summary>
/// The recipe as it may be published: the workflow state without any DP secret or seed, and
/// without the name of the working copy's start (an internal cache key that says nothing about the data).
/// </summary>
public static class PublishableRecipe
{
    public static string From(WorkspaceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var node = JsonNode.Parse(state.ToJson())!.AsObject();
        (node["source"] as JsonObject)?.Remove("copy");
        if (node["perturbations"] is JsonArray steps)
            foreach (var step in steps.OfType<JsonObject>())
                step.Remove("secret");
        return node.ToJsonString();
    }
}

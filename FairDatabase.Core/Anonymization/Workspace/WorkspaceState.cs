using System.Text.Json;
using System.Text.Json.Serialization;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Where the generalization workflow stands (DESIGN §6.1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStep>))]
public enum WorkflowStep
{
    Upload = 1,
    DropIdentifiers = 2,
    MissingValues = 3,
    QuasiIdentifiers = 4,
    Mapping = 5,
    Complete = 6,
}

/// <summary>What the working copy was started from: an uploaded file or one of the user's stored datasets.</summary>
public sealed record WorkspaceSource(string Kind, string Name)
{
    public const string UploadKind = "upload";
    public const string DatasetKind = "dataset";
}

/// <summary>One quasi-identifier's mapping, old value → generalized value ("" = missing).</summary>
public sealed record ColumnMapping(string Column, IReadOnlyDictionary<string, string> Mapping);

/// <summary>A step applied to the working copy after generalization (privacy processing, local DP), with its parameters.</summary>
public sealed record AppliedOperation(string Name, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// Every choice made so far. Stored as jsonb next to the original table, so the current table can
/// be rebuilt by replaying the generalization choices (consolidated_return) on the original.
/// </summary>
public sealed record WorkspaceState
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public WorkflowStep Step { get; init; } = WorkflowStep.Upload;

    public WorkspaceSource? Source { get; init; }

    public IReadOnlyList<string> DroppedIdentifiers { get; init; } = [];

    public IReadOnlyList<string> DroppedForMissingValues { get; init; } = [];

    public IReadOnlyList<string> QuasiIdentifiers { get; init; } = [];

    /// <summary>Mappings applied so far, in quasi-identifier order; the next one to map is QuasiIdentifiers[Mappings.Count].</summary>
    public IReadOnlyList<ColumnMapping> Mappings { get; init; } = [];

    public IReadOnlyList<AppliedOperation> Operations { get; init; } = [];

    /// <summary>The quasi-identifier whose values are mapped next; null outside the mapping step.</summary>
    [JsonIgnore]
    public string? NextColumnToMap => Step == WorkflowStep.Mapping && Mappings.Count < QuasiIdentifiers.Count ? QuasiIdentifiers[Mappings.Count] : null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WorkspaceState FromJson(string json) =>
        JsonSerializer.Deserialize<WorkspaceState>(json, Json) ?? new WorkspaceState();

    /// <summary>The original table with the generalization choices replayed, in the order they were made.</summary>
    public AnonTable Replay(AnonTable original)
    {
        var table = original.WithoutColumns(DroppedIdentifiers).WithoutColumns(DroppedForMissingValues);
        foreach (var mapping in Mappings)
            table = Generalization.ApplyMapping(table, mapping.Column, mapping.Mapping.ToDictionary(p => p.Key, p => (string?)p.Value)).Table;
        return table;
    }
}

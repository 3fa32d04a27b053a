using System.Text.Json;
using System.Text.Json.Serialization;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Where the generalization workflow stands.</summary>
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

    /// <summary>Names this start of the working copy (its stored column blocks); null in copies started before it existed.</summary>
    public Guid? Copy { get; init; }
}

/// <summary>
/// One quasi-identifier's mapping, old value → generalized value ("" = missing). When a rule made
/// it, the rule is kept too (provenance); the mapping is the rule compiled over the column's
/// values plus the per-value fields that changed a value, and is what replays.
/// </summary>
public sealed record ColumnMapping(string Column, IReadOnlyDictionary<string, string> Mapping, Rules.GeneralizationRule? Rule = null);

/// <summary>
/// One local-DP application, replayed whenever a column is read: per perturbed column its kind and
/// scale or categories (taken over the whole source column after generalization). The secret
/// stays server-side: it is never part of provenance or of any page.
/// </summary>
public sealed record PerturbationStep(string Secret, double Epsilon, double KeepProbability, IReadOnlyList<PerturbedColumn> Columns);

/// <summary>A perturbed column: numerical with its Laplace scale, or categorical with the categories drawn from.</summary>
public sealed record PerturbedColumn(string Name, bool Numerical, double Scale, IReadOnlyList<string> Categories);

/// <summary>A step applied to the working copy after generalization (privacy processing, local DP), with its parameters.</summary>
public sealed record AppliedOperation(string Name, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// The recipe: the source and every choice made so far, stored as jsonb. The working copy is never
/// stored as a table: a page reads the source columns it needs and replays these steps on them.
/// </summary>
public sealed partial record WorkspaceState
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

    /// <summary>Local DP applications in order; cells are perturbed when read.</summary>
    public IReadOnlyList<PerturbationStep> Perturbations { get; init; } = [];

    /// <summary>Rows privacy processing kept (the mask is stored beside the state); null = every source row.</summary>
    public int? KeptRows { get; init; }

    /// <summary>The source columns still in the working copy, in source order.</summary>
    public IReadOnlyList<string> CurrentColumns(IReadOnlyList<string> sourceColumns)
    {
        ArgumentNullException.ThrowIfNull(sourceColumns);
        var dropped = new HashSet<string>(DroppedIdentifiers.Concat(DroppedForMissingValues), StringComparer.Ordinal);
        return dropped.Count == 0 ? sourceColumns : [.. sourceColumns.Where(c => !dropped.Contains(c))];
    }

    /// <summary>The quasi-identifier whose values are mapped next; null outside the mapping step.</summary>
    [JsonIgnore]
    public string? NextColumnToMap => Step == WorkflowStep.Mapping && Mappings.Count < QuasiIdentifiers.Count ? QuasiIdentifiers[Mappings.Count] : null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WorkspaceState FromJson(string json) =>
        JsonSerializer.Deserialize<WorkspaceState>(json, Json) ?? new WorkspaceState();
}

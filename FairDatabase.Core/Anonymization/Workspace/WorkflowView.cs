namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>The working copy's shape: its columns in order and the rows it keeps.</summary>
public sealed record WorkingCopyShape(IReadOnlyList<string> ColumnNames, int RowCount);

/// <summary>Everything a page of the generalization workflow shows, computed from the recipe and only the columns it needs.</summary>
/// <param name="State">The stored recipe (step and choices).</param>
/// <param name="Table">The working copy's columns and row count; null before a file or dataset was chosen.</param>
/// <param name="MissingValues">Per column, share of missing cells (the missing-values step; from the statistics kept at start).</param>
/// <param name="ValuesToMap">Distinct values of the quasi-identifier to map next, with counts.</param>
/// <param name="LastMapped">The quasi-identifier mapped last and its resulting distribution.</param>
public sealed record WorkflowView(
    WorkspaceState State,
    WorkingCopyShape? Table,
    IReadOnlyList<ColumnMissingShare> MissingValues,
    IReadOnlyList<ValueCount> ValuesToMap,
    MappedDistribution? LastMapped)
{
    public static WorkflowView Empty { get; } = new(new WorkspaceState(), null, [], [], null);

    public static async Task<WorkflowView> ForAsync(WorkingCopy? copy, CancellationToken ct)
    {
        if (copy is null) return Empty;
        var state = copy.State;
        var shape = new WorkingCopyShape(copy.Columns, copy.RowCount);
        var missing = state.Step == WorkflowStep.MissingValues ? MissingShares(copy) : [];
        var toMap = state.NextColumnToMap is { } next ? await DistributionAsync(copy, next, ct) : [];
        var last = state.Mappings.Count > 0 && state.Step is WorkflowStep.Mapping or WorkflowStep.Complete && copy.HasColumn(state.Mappings[^1].Column)
            ? new MappedDistribution(state.Mappings[^1].Column, await DistributionAsync(copy, state.Mappings[^1].Column, ct))
            : null;
        return new WorkflowView(state, shape, missing, toMap, last);
    }

    /// <summary>The column's distinct values over the kept rows, generalized but not perturbed (what a mapping works on).</summary>
    internal static async Task<IReadOnlyList<ValueCount>> DistributionAsync(WorkingCopy copy, string column, CancellationToken ct) =>
        Generalization.DistinctValues(await copy.ReadAsync([column], ct, perturb: false), column);

    private static List<ColumnMissingShare> MissingShares(WorkingCopy copy)
    {
        var rows = copy.Layout.RowCount;
        return copy.Columns.Select(c =>
        {
            var missing = copy.Layout.StatsOf(c).Missing;
            return new ColumnMissingShare(c, missing, rows == 0 ? 0.0 : 100.0 * missing / rows);
        }).ToList();
    }
}

/// <summary>A mapped quasi-identifier's values after generalization, in percent of the rows.</summary>
public sealed record MappedDistribution(string Column, IReadOnlyList<ValueCount> Values);

/// <summary>What a rule would make of the next quasi-identifier, without applying it.</summary>
/// <param name="Column">The quasi-identifier.</param>
/// <param name="Classes">The resulting values with their row counts and shares, as the mapping step lists them.</param>
/// <param name="UnreadableValues">Distinct values the rule could not read (left unchanged).</param>
/// <param name="UnreadableRows">Rows holding them.</param>
public sealed record RulePreview(string Column, IReadOnlyList<ValueCount> Classes, int UnreadableValues, int UnreadableRows);

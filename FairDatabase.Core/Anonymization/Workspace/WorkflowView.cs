namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Everything a page of the generalization workflow shows, computed from the working copy.</summary>
/// <param name="State">The stored state (step and choices).</param>
/// <param name="Table">The current working copy; null before a file or dataset was chosen.</param>
/// <param name="MissingValues">Per column, share of missing cells (for the missing-values step).</param>
/// <param name="ValuesToMap">Distinct values of the quasi-identifier to map next, with counts.</param>
/// <param name="LastMapped">The quasi-identifier mapped last and its resulting distribution.</param>
public sealed record WorkflowView(
    WorkspaceState State,
    AnonTable? Table,
    IReadOnlyList<ColumnMissingShare> MissingValues,
    IReadOnlyList<ValueCount> ValuesToMap,
    MappedDistribution? LastMapped)
{
    public static WorkflowView Empty { get; } = new(new WorkspaceState(), null, [], [], null);

    public static WorkflowView For(WorkspaceState state, AnonTable? table)
    {
        if (table is null) return Empty with { State = state };
        var missing = state.Step == WorkflowStep.MissingValues ? Generalization.MissingValuePercentages(table) : [];
        var toMap = state.NextColumnToMap is { } next ? Generalization.DistinctValues(table, next) : [];
        var last = state.Mappings.Count > 0 && state.Step is WorkflowStep.Mapping or WorkflowStep.Complete
            ? new MappedDistribution(state.Mappings[^1].Column, Generalization.DistinctValues(table, state.Mappings[^1].Column))
            : null;
        return new WorkflowView(state, table, missing, toMap, last);
    }
}

/// <summary>A mapped quasi-identifier's values after generalization, in percent of the rows.</summary>
public sealed record MappedDistribution(string Column, IReadOnlyList<ValueCount> Values);

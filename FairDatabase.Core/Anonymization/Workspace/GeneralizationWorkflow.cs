namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>The generalization workflow (DESIGN §6.1): each step changes the user's stored working copy.</summary>
public interface IGeneralizationWorkflow
{
    Task<WorkflowView> GetAsync(CancellationToken ct);

    Task<WorkflowView> StartFromCsvAsync(Stream csv, string fileName, CancellationToken ct);

    /// <summary>Null when the user has no dataset of that name.</summary>
    Task<WorkflowView?> StartFromDatasetAsync(string name, CancellationToken ct);

    Task<WorkflowView> DropIdentifiersAsync(IReadOnlyList<string> columns, CancellationToken ct);

    Task<WorkflowView> DropMissingValueColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct);

    /// <summary>No quasi-identifiers completes the workflow.</summary>
    Task<WorkflowView> ChooseQuasiIdentifiersAsync(IReadOnlyList<string> columns, CancellationToken ct);

    /// <summary>Maps the values of the quasi-identifier whose turn it is; values without an entry stay.</summary>
    Task<WorkflowView> ApplyMappingAsync(IReadOnlyDictionary<string, string> mapping, CancellationToken ct);

    /// <summary>consolidated_return: 1 restart, 2 drop identifiers, 3 missing values, 4 quasi-identifiers.</summary>
    Task<WorkflowView> ReturnToAsync(int state, CancellationToken ct);
}

public sealed class GeneralizationWorkflow(IAnonymizationWorkspaceStore store, IStoredDatasetSource datasets) : IGeneralizationWorkflow
{
    public async Task<WorkflowView> GetAsync(CancellationToken ct) =>
        await store.LoadAsync(ct) is { } w ? WorkflowView.For(w.State, w.Current) : WorkflowView.Empty;

    public async Task<WorkflowView> StartFromCsvAsync(Stream csv, string fileName, CancellationToken ct)
    {
        var table = CsvTableReader.Read(csv, ct);
        return await StartAsync(table, new WorkspaceSource(WorkspaceSource.UploadKind, Path.GetFileName(fileName)), ct);
    }

    public async Task<WorkflowView?> StartFromDatasetAsync(string name, CancellationToken ct) =>
        await datasets.LoadAsync(name, ct) is { } table
            ? await StartAsync(table, new WorkspaceSource(WorkspaceSource.DatasetKind, name), ct)
            : null;

    public Task<WorkflowView> DropIdentifiersAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        StepAsync(WorkflowStep.DropIdentifiers, (state, table) =>
        {
            var next = table.WithoutColumns(columns);
            EnsureColumnsLeft(next);
            return (state with { Step = WorkflowStep.MissingValues, DroppedIdentifiers = [.. columns] }, next);
        }, ct);

    public Task<WorkflowView> DropMissingValueColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        StepAsync(WorkflowStep.MissingValues, (state, table) =>
        {
            var next = table.WithoutColumns(columns);
            EnsureColumnsLeft(next);
            return (state with { Step = WorkflowStep.QuasiIdentifiers, DroppedForMissingValues = [.. columns] }, next);
        }, ct);

    public Task<WorkflowView> ChooseQuasiIdentifiersAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        StepAsync(WorkflowStep.QuasiIdentifiers, (state, table) =>
        {
            AnonymizationValidation.EnsureKnown(table, columns, "quasi-identifier");
            var step = columns.Count == 0 ? WorkflowStep.Complete : WorkflowStep.Mapping;
            return (state with { Step = step, QuasiIdentifiers = [.. columns.Distinct(StringComparer.Ordinal)], Mappings = [] }, table);
        }, ct);

    public Task<WorkflowView> ApplyMappingAsync(IReadOnlyDictionary<string, string> mapping, CancellationToken ct) =>
        StepAsync(WorkflowStep.Mapping, (state, table) =>
        {
            var column = state.NextColumnToMap!;
            var result = Generalization.ApplyMapping(table, column, mapping.ToDictionary(p => p.Key, p => (string?)p.Value));
            var mappings = state.Mappings.Append(new ColumnMapping(column, new Dictionary<string, string>(mapping))).ToList();
            var step = mappings.Count == state.QuasiIdentifiers.Count ? WorkflowStep.Complete : WorkflowStep.Mapping;
            return (state with { Step = step, Mappings = mappings }, result.Table);
        }, ct);

    public async Task<WorkflowView> ReturnToAsync(int state, CancellationToken ct)
    {
        if (state is < 1 or > 4)
            throw new AnonymizationValidationException($"Unknown workflow state {state}: use 1 (restart), 2 (drop identifiers), 3 (missing values) or 4 (quasi-identifiers).");
        if (state == 1 || await store.LoadAsync(ct) is not { Original: { } original } workspace)
        {
            await store.ResetAsync(ct);
            return WorkflowView.Empty;
        }
        var s = workspace.State;
        // Going back forgets the choices of that step and every later one, then replays the rest.
        var back = (WorkflowStep)state switch
        {
            WorkflowStep.DropIdentifiers => s with { DroppedIdentifiers = [], DroppedForMissingValues = [], QuasiIdentifiers = [], Mappings = [] },
            WorkflowStep.MissingValues => s with { DroppedForMissingValues = [], QuasiIdentifiers = [], Mappings = [] },
            _ => s with { QuasiIdentifiers = [], Mappings = [] },
        };
        back = back with { Step = (WorkflowStep)state, Operations = [] };
        var table = back.Replay(original);
        await store.SaveAsync(back, table, null, ct);
        return WorkflowView.For(back, table);
    }

    private async Task<WorkflowView> StartAsync(AnonTable table, WorkspaceSource source, CancellationToken ct)
    {
        var state = new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = source };
        await store.SaveAsync(state, table, table, ct);
        return WorkflowView.For(state, table);
    }

    private async Task<WorkflowView> StepAsync(WorkflowStep expected,
        Func<WorkspaceState, AnonTable, (WorkspaceState State, AnonTable Table)> apply, CancellationToken ct)
    {
        var workspace = await store.LoadAsync(ct);
        if (workspace is not { Current: { } table } || workspace.State.Step != expected)
            throw new WorkflowStepException(expected, workspace?.State.Step ?? WorkflowStep.Upload);
        var (state, next) = apply(workspace.State, table);
        await store.SaveAsync(state, next, null, ct);
        return WorkflowView.For(state, next);
    }

    private static void EnsureColumnsLeft(AnonTable table)
    {
        if (table.Columns.Count == 0)
            throw new AnonymizationValidationException("Keep at least one column.");
    }
}

/// <summary>A step was posted that is not the workflow's current one (a stale page or a second tab).</summary>
public sealed class WorkflowStepException(WorkflowStep posted, WorkflowStep current)
    : Exception($"That step is not the current one (the workflow is at step {(int)current}: {current}); the page shows where it stands.")
{
    public WorkflowStep Posted { get; } = posted;

    public WorkflowStep Current { get; } = current;
}

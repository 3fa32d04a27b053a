using FairDatabase.Core.Anonymization.Rules;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>The generalization workflow (README, "generalization workflow"): each step extends the user's stored recipe.</summary>
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

    /// <summary>
    /// Maps the values of the quasi-identifier whose turn it is; values without an entry stay. With
    /// a rule, the rule decides and per-value entries override it only where they change a value.
    /// </summary>
    Task<WorkflowView> ApplyMappingAsync(IReadOnlyDictionary<string, string> mapping, CancellationToken ct, GeneralizationRule? rule = null);

    /// <summary>The classes a rule would give the next quasi-identifier, without applying it.</summary>
    Task<RulePreview> PreviewRuleAsync(GeneralizationRule rule, CancellationToken ct);

    /// <summary>consolidated_return: 1 restart, 2 drop identifiers, 3 missing values, 4 quasi-identifiers.</summary>
    Task<WorkflowView> ReturnToAsync(int state, CancellationToken ct);
}

/// <summary>
/// Steps that choose columns touch no data (they only extend the recipe); the mapping step reads
/// the one column it maps. Starting parses an upload once into column blocks, or scans a stored
/// dataset once for its statistics without copying it.
/// </summary>
public sealed class GeneralizationWorkflow(IAnonymizationWorkspaceStore store, IStoredDatasetSource datasets, IWorkingCopyLoader loader, DecodedColumnCache cache) : IGeneralizationWorkflow
{
    public async Task<WorkflowView> GetAsync(CancellationToken ct) => await WorkflowView.ForAsync(await loader.OpenAsync(ct), ct);

    public async Task<WorkflowView> StartFromCsvAsync(Stream csv, string fileName, CancellationToken ct)
    {
        string name;
        try { name = UploadFileName.ParseDelimited(fileName); }
        catch (UploadValidationException e) { throw new AnonymizationValidationException(e.Message, e); }
        var (layout, blocks) = CsvColumnSource.Prepare(CsvTableReader.Read(csv, ct));
        var state = new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new WorkspaceSource(WorkspaceSource.UploadKind, name) };
        await store.StartAsync(state, layout, null, blocks, ct);
        return await GetAsync(ct);
    }

    public async Task<WorkflowView?> StartFromDatasetAsync(string name, CancellationToken ct)
    {
        if (await datasets.ScanAsync(name, ct) is not { } scan) return null;
        var state = new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new WorkspaceSource(WorkspaceSource.DatasetKind, name) };
        var copy = await store.StartAsync(state, scan.Layout, scan.RowIds, scan.Blocks, ct);
        // The pass just decoded the few-valued columns: the first steps need not read them back.
        foreach (var (ordinal, column) in scan.Kept) cache.Keep(copy, ordinal, column);
        return await GetAsync(ct);
    }

    public Task<WorkflowView> DropIdentifiersAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        StepAsync(WorkflowStep.DropIdentifiers, copy =>
        {
            EnsureDroppable(copy, columns);
            return copy.State with { Step = WorkflowStep.MissingValues, DroppedIdentifiers = [.. columns.Distinct(StringComparer.Ordinal)] };
        }, ct);

    public Task<WorkflowView> DropMissingValueColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        StepAsync(WorkflowStep.MissingValues, copy =>
        {
            EnsureDroppable(copy, columns);
            return copy.State with { Step = WorkflowStep.QuasiIdentifiers, DroppedForMissingValues = [.. columns.Distinct(StringComparer.Ordinal)] };
        }, ct);

    public Task<WorkflowView> ChooseQuasiIdentifiersAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
        StepAsync(WorkflowStep.QuasiIdentifiers, copy =>
        {
            AnonymizationValidation.EnsureKnown(copy.HasColumn, columns, "quasi-identifier");
            var step = columns.Count == 0 ? WorkflowStep.Complete : WorkflowStep.Mapping;
            return copy.State with { Step = step, QuasiIdentifiers = [.. columns.Distinct(StringComparer.Ordinal)], Mappings = [] };
        }, ct);

    public async Task<WorkflowView> ApplyMappingAsync(IReadOnlyDictionary<string, string> mapping, CancellationToken ct, GeneralizationRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var copy = await OpenAtAsync(WorkflowStep.Mapping, ct);
        var column = copy.State.NextColumnToMap!;
        var final = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rule is not null)
        {
            // Compiled over every source row's value, as replay maps every source row.
            var values = Generalization.DistinctValues(await copy.ReadAsync([column], ct, perturb: false, keptOnly: false), column);
            foreach (var (from, to) in RuleCompiler.Compile(rule, values).Mapping) final[from] = to;
            foreach (var (from, to) in mapping.Where(p => p.Key != p.Value)) final[from] = to;
        }
        else
            foreach (var (from, to) in mapping) final[from] = to;
        var mappings = copy.State.Mappings.Append(new ColumnMapping(column, final, rule)).ToList();
        var step = mappings.Count == copy.State.QuasiIdentifiers.Count ? WorkflowStep.Complete : WorkflowStep.Mapping;
        await store.SaveStateAsync(copy.State with { Step = step, Mappings = mappings }, ct);
        return await GetAsync(ct);
    }

    public async Task<RulePreview> PreviewRuleAsync(GeneralizationRule rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var copy = await OpenAtAsync(WorkflowStep.Mapping, ct);
        var column = copy.State.NextColumnToMap!;
        var table = await copy.ReadAsync([column], ct, perturb: false);
        var compiled = RuleCompiler.Compile(rule, Generalization.DistinctValues(table, column));
        var mapped = table.Remap(new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal)
        {
            [column] = compiled.Mapping.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal),
        });
        return new RulePreview(column, Generalization.DistinctValues(mapped, column), compiled.UnreadableValues, compiled.UnreadableRows);
    }

    public async Task<WorkflowView> ReturnToAsync(int state, CancellationToken ct)
    {
        if (state is < 1 or > 4)
            throw new AnonymizationValidationException($"Unknown workflow state {state}: use 1 (restart), 2 (drop identifiers), 3 (missing values) or 4 (quasi-identifiers).");
        if (state == 1 || await store.LoadAsync(ct) is not { Layout: not null } workspace)
        {
            await store.ResetAsync(ct);
            return WorkflowView.Empty;
        }
        var s = workspace.State;
        // Going back forgets the choices of that step and every later one (processing and DP too); the rest replays on the source.
        var back = (WorkflowStep)state switch
        {
            WorkflowStep.DropIdentifiers => s with { DroppedIdentifiers = [], DroppedForMissingValues = [], QuasiIdentifiers = [], Mappings = [] },
            WorkflowStep.MissingValues => s with { DroppedForMissingValues = [], QuasiIdentifiers = [], Mappings = [] },
            _ => s with { QuasiIdentifiers = [], Mappings = [] },
        };
        back = back with { Step = (WorkflowStep)state, Operations = [], Perturbations = [], KeptRows = null };
        await store.SaveStateAsync(back, ct, setKeptRows: true, keptRows: null);
        return await GetAsync(ct);
    }

    private async Task<WorkingCopy> OpenAtAsync(WorkflowStep expected, CancellationToken ct)
    {
        var copy = await loader.OpenAsync(ct);
        if (copy is null || copy.State.Step != expected)
            throw new WorkflowStepException(expected, copy?.State.Step ?? WorkflowStep.Upload);
        return copy;
    }

    private async Task<WorkflowView> StepAsync(WorkflowStep expected, Func<WorkingCopy, WorkspaceState> apply, CancellationToken ct)
    {
        var copy = await OpenAtAsync(expected, ct);
        await store.SaveStateAsync(apply(copy), ct);
        return await GetAsync(ct);
    }

    private static void EnsureDroppable(WorkingCopy copy, IReadOnlyList<string> columns)
    {
        AnonymizationValidation.EnsureKnown(copy.HasColumn, columns, "column to drop");
        if (copy.Columns.Except(columns, StringComparer.Ordinal).Any()) return;
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

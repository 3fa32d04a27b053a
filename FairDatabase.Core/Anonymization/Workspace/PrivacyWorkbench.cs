using System.Globalization;
using System.Text.Json;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>The last privacy score as /data/p29score/report serves it: full-precision numbers, snake_case names.</summary>
public sealed record PrivacyScoreDocument(
    double P29, int MinK, double? MinL, double MaxT, bool HasProblems, double MeanL, double MeanNormalizedT,
    IReadOnlyList<string> Reasons, IReadOnlyList<string> Notes, IReadOnlyList<string> Problems, int ProblemClassCount,
    int Classes, int Rows, IReadOnlyList<string> QuasiIdentifiers, IReadOnlyList<string> SensitiveAttributes)
{
    public static PrivacyScoreDocument From(PrivacyReport r) => new(
        r.P29, r.MinK, r.MinL, r.MaxT, r.HasProblems, r.MeanL, r.MeanNormalizedT, r.Reasons, r.Notes,
        [.. r.ProblemClasses.Select(c => c.Description)], r.ProblemClassCount, r.ClassCount, r.RowCount,
        r.QuasiIdentifiers, r.SensitiveAttributes);

    public string ToJson() => JsonSerializer.Serialize(this, WorkspaceState.Json);
}

/// <summary>Privacy metrics, processing and local differential privacy over the user's working copy (README, "privacy score" to "local differential privacy").</summary>
public interface IPrivacyWorkbench
{
    /// <summary>The working copy's columns and rows; null when the user has none.</summary>
    Task<WorkingCopyShape?> CurrentAsync(CancellationToken ct);

    /// <summary>Scores the working copy and stores the result as the last report; null without a working copy.</summary>
    Task<PrivacyReport?> ScoreAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes, CancellationToken ct);

    /// <summary>The last score as JSON (see <see cref="PrivacyScoreDocument"/>), or null.</summary>
    Task<string?> LastReportJsonAsync(CancellationToken ct);

    /// <summary>Removes the classes that fail the thresholds from the working copy (its kept-row mask); <see cref="EnforcementResult.Table"/> holds the kept rows of the named columns only.</summary>
    Task<EnforcementResult?> ProcessAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes,
        PrivacyThresholds thresholds, CancellationToken ct);

    /// <summary>How local DP would type every column for these quasi-identifiers, sensitive attributes and declarations (undeclared columns typed from the kept statistics).</summary>
    Task<IReadOnlyList<ColumnTyping>?> TypeColumnsAsync(DifferentialPrivacyRequest request, CancellationToken ct);

    /// <summary>Records local DP on the working copy (cells are perturbed whenever read); null without a working copy.</summary>
    Task<DifferentialPrivacySummary?> ApplyDifferentialPrivacyAsync(DifferentialPrivacyRequest request, CancellationToken ct);
}

/// <summary>
/// Reads only the quasi-identifier and sensitive-attribute columns (recipe applied) for scores and
/// processing; processing stores the kept-row mask, local DP stores its parameters. Both are
/// recorded as operations for provenance (the DP secret never is).
/// </summary>
public sealed class PrivacyWorkbench(IAnonymizationWorkspaceStore store, IWorkingCopyLoader loader) : IPrivacyWorkbench
{
    public async Task<WorkingCopyShape?> CurrentAsync(CancellationToken ct) =>
        await loader.OpenAsync(ct) is { } copy ? new WorkingCopyShape(copy.Columns, copy.RowCount) : null;

    public async Task<PrivacyReport?> ScoreAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes, CancellationToken ct)
    {
        if (await loader.OpenAsync(ct) is not { } copy) return null;
        AnonymizationValidation.EnsurePrivacyColumns(copy.HasColumn, quasiIdentifiers, sensitiveAttributes);
        var table = await copy.ReadAsync([.. quasiIdentifiers, .. sensitiveAttributes], ct);
        var report = PrivacyScorer.Evaluate(table, quasiIdentifiers, sensitiveAttributes);
        await store.SaveReportAsync(PrivacyScoreDocument.From(report).ToJson(), ct);
        return report;
    }

    public Task<string?> LastReportJsonAsync(CancellationToken ct) => store.LoadReportAsync(ct);

    public async Task<EnforcementResult?> ProcessAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes,
        PrivacyThresholds thresholds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (await loader.OpenAsync(ct) is not { } copy) return null;
        AnonymizationValidation.EnsurePrivacyColumns(copy.HasColumn, quasiIdentifiers, sensitiveAttributes);
        var table = await copy.ReadAsync([.. quasiIdentifiers, .. sensitiveAttributes], ct);
        var result = PrivacyEnforcer.Enforce(table, quasiIdentifiers, sensitiveAttributes, thresholds);
        var mask = (copy.KeptRows ?? RowMask.All(copy.Layout.RowCount)).Narrow(result.KeptRowFlags);
        var operation = new AppliedOperation("privacy_processing", new Dictionary<string, string>
        {
            ["quasi_identifiers"] = string.Join(", ", quasiIdentifiers),
            ["sensitive_attributes"] = string.Join(", ", sensitiveAttributes),
            ["k_min"] = thresholds.KMin.ToString(CultureInfo.InvariantCulture),
            ["l_min"] = thresholds.LMin.ToString("R", CultureInfo.InvariantCulture),
            ["t_max"] = thresholds.TMax.ToString("R", CultureInfo.InvariantCulture),
            ["rows_removed"] = result.RowsRemoved.ToString(CultureInfo.InvariantCulture),
        });
        var state = copy.State with { Operations = [.. copy.State.Operations, operation], KeptRows = mask.Count };
        await store.SaveStateAsync(state, ct, setKeptRows: true, keptRows: mask);
        return result;
    }

    public async Task<IReadOnlyList<ColumnTyping>?> TypeColumnsAsync(DifferentialPrivacyRequest request, CancellationToken ct) =>
        await loader.OpenAsync(ct) is { } copy ? DifferentialPrivacyPlanner.Type(copy, request) : null;

    public async Task<DifferentialPrivacySummary?> ApplyDifferentialPrivacyAsync(DifferentialPrivacyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await loader.OpenAsync(ct) is not { } copy) return null;
        var (step, summary) = await DifferentialPrivacyPlanner.PlanAsync(copy, request, ct);
        var operation = new AppliedOperation("differential_privacy", new Dictionary<string, string>
        {
            ["categorical_columns"] = string.Join(", ", summary.Categorical.Select(c => c.Column)),
            ["numerical_columns"] = string.Join(", ", summary.Numerical.Select(c => c.Column)),
            ["epsilon"] = request.Epsilon.ToString("R", CultureInfo.InvariantCulture),
            ["keep_probability"] = request.KeepProbability.ToString("R", CultureInfo.InvariantCulture),
            ["seeded"] = request.Seed is null ? "no" : "yes",
        });
        await store.SaveStateAsync(copy.State with { Operations = [.. copy.State.Operations, operation], Perturbations = [.. copy.State.Perturbations, step] }, ct);
        return summary;
    }
}

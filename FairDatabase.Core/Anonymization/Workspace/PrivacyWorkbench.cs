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

/// <summary>Privacy metrics, processing and local differential privacy over the user's working copy (DESIGN §6.2–6.3).</summary>
public interface IPrivacyWorkbench
{
    /// <summary>The current working copy; null when the user has none.</summary>
    Task<AnonTable?> CurrentAsync(CancellationToken ct);

    /// <summary>Scores the working copy and stores the result as the last report; null without a working copy.</summary>
    Task<PrivacyReport?> ScoreAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes, CancellationToken ct);

    /// <summary>The last score as JSON (see <see cref="PrivacyScoreDocument"/>), or null.</summary>
    Task<string?> LastReportJsonAsync(CancellationToken ct);

    /// <summary>Removes the classes that fail the thresholds; the result becomes the working copy.</summary>
    Task<EnforcementResult?> ProcessAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes,
        PrivacyThresholds thresholds, CancellationToken ct);

    /// <summary>Perturbs the declared columns; the result becomes the working copy.</summary>
    Task<DifferentialPrivacyResult?> ApplyDifferentialPrivacyAsync(DifferentialPrivacyRequest request, CancellationToken ct);
}

public sealed class PrivacyWorkbench(IAnonymizationWorkspaceStore store) : IPrivacyWorkbench
{
    public async Task<AnonTable?> CurrentAsync(CancellationToken ct) => (await store.LoadAsync(ct))?.Current;

    public async Task<PrivacyReport?> ScoreAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes, CancellationToken ct)
    {
        if (await CurrentAsync(ct) is not { } table) return null;
        var report = PrivacyScorer.Evaluate(table, quasiIdentifiers, sensitiveAttributes);
        await store.SaveReportAsync(PrivacyScoreDocument.From(report).ToJson(), ct);
        return report;
    }

    public Task<string?> LastReportJsonAsync(CancellationToken ct) => store.LoadReportAsync(ct);

    public async Task<EnforcementResult?> ProcessAsync(IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes,
        PrivacyThresholds thresholds, CancellationToken ct)
    {
        if (await store.LoadAsync(ct) is not { Current: { } table } workspace) return null;
        var result = PrivacyEnforcer.Enforce(table, quasiIdentifiers, sensitiveAttributes, thresholds);
        await SaveAsync(workspace.State, result.Table, new AppliedOperation("privacy_processing", new Dictionary<string, string>
        {
            ["quasi_identifiers"] = string.Join(", ", quasiIdentifiers),
            ["sensitive_attributes"] = string.Join(", ", sensitiveAttributes),
            ["k_min"] = thresholds.KMin.ToString(CultureInfo.InvariantCulture),
            ["l_min"] = thresholds.LMin.ToString("R", CultureInfo.InvariantCulture),
            ["t_max"] = thresholds.TMax.ToString("R", CultureInfo.InvariantCulture),
            ["rows_removed"] = result.RowsRemoved.ToString(CultureInfo.InvariantCulture),
        }), ct);
        return result;
    }

    public async Task<DifferentialPrivacyResult?> ApplyDifferentialPrivacyAsync(DifferentialPrivacyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.LoadAsync(ct) is not { Current: { } table } workspace) return null;
        var result = LocalDifferentialPrivacy.Apply(table, request);
        await SaveAsync(workspace.State, result.Table, new AppliedOperation("differential_privacy", new Dictionary<string, string>
        {
            ["categorical_columns"] = string.Join(", ", request.CategoricalColumns),
            ["numerical_columns"] = string.Join(", ", request.NumericalColumns),
            ["epsilon"] = request.Epsilon.ToString("R", CultureInfo.InvariantCulture),
            ["keep_probability"] = request.KeepProbability.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = request.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
        }), ct);
        return result;
    }

    private Task SaveAsync(WorkspaceState state, AnonTable table, AppliedOperation operation, CancellationToken ct) =>
        store.SaveAsync(state with { Operations = [.. state.Operations, operation] }, table, null, ct);
}

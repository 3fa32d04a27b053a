using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Data;
using FairDatabase.Core.Releases.Lineage;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Releases.Risk;

/// <summary>Computes a would-be release's risk figures and P29 report from the stored data.</summary>
public interface IReleaseRiskAssessor
{
    Task<RiskAssessment> AssessAsync(DatasetLineage lineage, CancellationToken ct);
}

/// <summary>
/// Reads only the quasi-identifier (and sensitive) columns of the anonymized dataset, and only the
/// quasi-identifier columns of its source, on which the recipe's mappings are replayed to form the
/// population. Without a readable source the release stands in for the population, and says so.
/// </summary>
public sealed class ReleaseRiskAssessor(IDatasetColumnReader columns, IUserClient db, IOptions<ReleaseOptions> options) : IReleaseRiskAssessor
{
    public async Task<RiskAssessment> AssessAsync(DatasetLineage lineage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var qis = lineage.QuasiIdentifiers;
        var sensitive = lineage.SensitiveAttributes.Where(s => !qis.Contains(s, StringComparer.Ordinal)).ToList();
        var released = await columns.ReadAsync(lineage.DatasetId, [.. qis, .. sensitive], ct)
            ?? throw new ReleaseValidationException("dataset", "The anonymized dataset's quasi-identifier columns could not be read; it may have been changed or deleted.");

        AnonTable? population = null;
        string? note, sourceName = null;
        if (lineage.SourceDatasetId is not { } sourceId)
            note = $"The workflow started from the uploaded file '{lineage.SourceName}', which is not kept, so there is no population to compare with: the release itself stands in for it (F = f).";
        else if (await columns.ReadAsync(sourceId, qis, ct) is not { } source)
            note = $"The source dataset '{lineage.SourceName}' has been deleted or is no longer readable, so the release itself stands in for the population (F = f).";
        else
        {
            population = Generalized(source, lineage.Mappings, qis);
            sourceName = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<string?>("SELECT display_name FROM fairdb.datasets WHERE id = @sourceId", new { sourceId }), ct);
            note = null;
        }
        var risk = RiskCalculator.Compute(released, population, qis, options.Value.RiskThreshold);
        var p29 = sensitive.Count > 0 ? PrivacyScorer.Evaluate(released, qis, sensitive) : null;
        return new RiskAssessment(risk, p29, lineage, note, sourceName);
    }

    /// <summary>The source's quasi-identifiers with the recipe's mappings applied, as the workflow applied them.</summary>
    private static AnonTable Generalized(AnonTable source, IReadOnlyList<ColumnMapping> mappings, IReadOnlyList<string> qis)
    {
        var remaps = mappings.Where(m => qis.Contains(m.Column, StringComparer.Ordinal))
            .ToDictionary(m => m.Column, m => (IReadOnlyDictionary<string, string?>)m.Mapping.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        return remaps.Count == 0 ? source : source.Remap(remaps);
    }
}

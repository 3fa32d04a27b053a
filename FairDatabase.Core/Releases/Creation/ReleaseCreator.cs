using System.Globalization;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Releases.Lineage;
using FairDatabase.Core.Releases.Risk;
using FairDatabase.Core.Releases.Storage;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Releases.Creation;

/// <summary>The release form's work: the figures before committing, then the immutable release.</summary>
public interface IReleaseCreator
{
    /// <summary>Null when the caller does not own such a dataset.</summary>
    Task<ReleaseDraft?> DraftAsync(Guid datasetId, CancellationToken ct);

    /// <summary>The new release's id; null when the caller does not own such a dataset.</summary>
    /// <exception cref="ReleaseValidationException">A raw upload, a missing title, an unknown licence, a public release over the threshold…</exception>
    Task<Guid?> CreateAsync(Guid datasetId, ReleaseForm form, CancellationToken ct);
}

public sealed class ReleaseCreator(DatasetList datasets, IDatasetLineageStore lineages, IReleaseRiskAssessor assessor,
    IReleaseSnapshotWriter snapshots, IOptions<ReleaseOptions> options) : IReleaseCreator
{
    public async Task<ReleaseDraft?> DraftAsync(Guid datasetId, CancellationToken ct)
    {
        if (await datasets.FindOwnedAsync(datasetId, ct) is not { } dataset) return null;
        var threshold = options.Value.RiskThreshold;
        try
        {
            var lineage = await AnonymizedLineageAsync(dataset, ct);
            return new ReleaseDraft(dataset, await assessor.AssessAsync(lineage, ct), null, threshold);
        }
        catch (ReleaseValidationException problem)
        {
            return new ReleaseDraft(dataset, null, problem, threshold);
        }
    }

    public async Task<Guid?> CreateAsync(Guid datasetId, ReleaseForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await datasets.FindOwnedAsync(datasetId, ct) is not { } dataset) return null;
        var lineage = await AnonymizedLineageAsync(dataset, ct);
        var metadata = form.Validate();
        var assessment = await assessor.AssessAsync(lineage, ct);
        var threshold = options.Value.RiskThreshold;
        if (metadata.Visibility == ReleaseVisibility.Public && assessment.Risk.ProsecutorHighest > threshold)
            throw new ReleaseValidationException("visibility", string.Create(CultureInfo.InvariantCulture,
                $"A public release needs a highest prosecutor risk of at most {threshold:0.###} (Releases:RiskThreshold); this dataset's is {assessment.Risk.ProsecutorHighest:0.###} (its smallest class has {Math.Round(1 / assessment.Risk.ProsecutorHighest)} row(s)). Generalize the quasi-identifiers further, or release it privately."));
        return await snapshots.StoreAsync(dataset, metadata, assessment, ct);
    }

    private async Task<DatasetLineage> AnonymizedLineageAsync(DatasetSummary dataset, CancellationToken ct)
    {
        var lineage = await lineages.FindAsync(dataset.Id, ct)
            ?? throw new ReleaseValidationException("dataset",
                $"'{dataset.DisplayName}' is a raw upload: only datasets saved by the anonymization workflow (\"save as a new dataset\") can be released.");
        if (lineage.QuasiIdentifiers.Count == 0)
            throw new ReleaseValidationException("dataset",
                $"'{dataset.DisplayName}' was anonymized without quasi-identifiers, so its re-identification risk cannot be computed; choose quasi-identifiers in the workflow and save again.");
        return lineage;
    }
}

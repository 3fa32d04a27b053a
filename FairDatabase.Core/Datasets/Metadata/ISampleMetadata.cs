namespace FairDatabase.Core.Datasets.Metadata;

/// <summary>
/// Sample metadata for a stored table (README, "Sample metadata"): a CSV/TSV/QIIME 2 metadata
/// file whose first column is the sample id, matched through the dataset's id hash.
/// </summary>
public interface ISampleMetadata
{
    /// <summary>The caller's dataset and its current metadata columns; null when the caller has no such dataset.</summary>
    Task<MetadataTarget?> FindAsync(Guid datasetId, Guid userId, CancellationToken ct);

    /// <summary>Attaches (or replaces) the metadata in one transaction.</summary>
    /// <exception cref="UploadValidationException">Bad file, or no id matches; nothing was stored.</exception>
    /// <exception cref="KeyNotFoundException">The caller has no such dataset.</exception>
    Task<MetadataAttachResult> AttachAsync(Guid datasetId, Stream body, string fileName, Guid userId, CancellationToken ct);
}

/// <param name="MetadataColumns">Original names of the attached metadata columns (empty when none is attached).</param>
public sealed record MetadataTarget(Guid DatasetId, string DisplayName, long Rows, IReadOnlyList<string> MetadataColumns);

/// <param name="MatchedSamples">Dataset rows that received metadata.</param>
/// <param name="RowsWithout">Dataset rows whose sample id is not in the file.</param>
/// <param name="UnmatchedIds">The first 20 ids of the file that match no sample, as written in the file.</param>
/// <param name="UnmatchedCount">How many ids of the file match no sample.</param>
/// <param name="Replaced">An earlier metadata file was replaced.</param>
public sealed record MetadataAttachResult(string Table, IReadOnlyList<string> Columns, long MatchedSamples, long RowsWithout,
    IReadOnlyList<string> UnmatchedIds, int UnmatchedCount, bool Replaced);

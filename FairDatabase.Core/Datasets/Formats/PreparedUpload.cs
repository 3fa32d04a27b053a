namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// An upload ready to load: delimited UTF-8 (or decodable) text that has passed the checks,
/// what it was, and per column any feature metadata (BIOM taxonomy) to keep with the column.
/// </summary>
internal sealed class PreparedUpload(StagedUpload upload, CsvLayout layout, DetectedFormat detected, IReadOnlyList<string?> columnMetadata) : IAsyncDisposable
{
    public StagedUpload Upload { get; } = upload;
    public CsvLayout Layout { get; } = layout;
    public DetectedFormat Detected { get; } = detected;

    /// <summary>Per column of <see cref="Layout"/>, JSON metadata or null; empty when there is none.</summary>
    public IReadOnlyList<string?> ColumnMetadata { get; } = columnMetadata;

    public ValueTask DisposeAsync() => Upload.DisposeAsync();
}

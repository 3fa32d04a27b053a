using CsvHelper;
using FairDatabase.Core.Datasets.Formats;

namespace FairDatabase.Core.Datasets.Metadata;

/// <summary>A checked metadata file in memory: its header and, per hashed sample id, the first row with that id.</summary>
internal sealed record MetadataFile(IReadOnlyList<string> Header, Dictionary<string, (string Id, string[] Values)> BySampleHash, DetectedFormat Detected)
{
    /// <summary>Most metadata columns: they go into one table beside the dataset's own.</summary>
    public const int MaxColumns = ImportPlan.ColumnsPerTable;

    public static async Task<MetadataFile> ReadAsync(Stream body, string fileName, IdHasher hasher, UploadOptions options, CancellationToken ct)
    {
        var (_, _, kind) = UploadFileName.Parse(fileName);
        if (kind is not (UploadKind.Delimited or UploadKind.TabSeparated))
            throw new UploadValidationException(UploadProblem.NotCsv,
                "Sample metadata must be delimited text (.csv, .tsv, .tab or .txt; a QIIME 2 metadata file is a .tsv) whose first column is the sample id.");
        var request = new UploadRequest(fileName) { Orientation = Orientation.Rows };
        await using var prepared = await UploadPreparation.PrepareAsync(body, kind, request, new UploadOptions
        {
            MaxFileSizeBytes = options.MaxFileSizeBytes, MaxColumns = MaxColumns + 1, TempDirectory = options.TempDirectory,
        }, ct);
        var layout = prepared.Layout;
        var rows = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        prepared.Upload.Rewind();
        using var reader = CsvReader.Create(prepared.Upload.Stream, layout.ReaderOptions(trackLines: false), leaveOpen: true);
        for (var i = 0; i < layout.LeadingRecords; i++) reader.Read();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            rows.TryAdd(hasher.Hex(id), (id, Enumerable.Range(1, layout.Header.Count - 1).Select(reader.GetString).ToArray()));
        }
        return new MetadataFile(layout.Header, rows, prepared.Detected);
    }
}

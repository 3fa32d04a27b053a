namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// Receives an upload and turns it into checked delimited text: delimited files are checked as
/// they arrive (read again as Windows-1252 when they are not UTF-8), BIOM and QIIME 2 tables are
/// converted, and tables whose samples are columns are transposed — each within its bound.
/// </summary>
internal static class UploadPreparation
{
    public static Task<PreparedUpload> PrepareAsync(Stream body, UploadKind kind, UploadRequest request, UploadOptions options, CancellationToken ct) =>
        kind is UploadKind.Biom or UploadKind.QiimeArtifact
            ? BiomAsync(body, kind, request, options, ct)
            : DelimitedAsync(body, kind, request, options, ct);

    private static async Task<PreparedUpload> DelimitedAsync(Stream body, UploadKind kind, UploadRequest request, UploadOptions options, CancellationToken ct)
    {
        var check = TextCheck.For(options.MaxColumns, kind == UploadKind.TabSeparated ? '\t' : null, request.Encoding);
        var (upload, layout) = await StagedUpload.StageAndCheckAsync(body, options.MaxFileSizeBytes, options.TempDirectory,
            stream => CsvValidator.Validate(stream, check, ct), ct);
        try
        {
            var encoding = request.Encoding == TextEncodingChoice.Auto && StartsWithUtf16Mark(upload) ? "utf-16" : TextEncodings.Name(request.Encoding);
            var fallback = layout.ReadAsWindows1252;
            if (fallback)
            {
                layout = CsvValidator.Validate(upload, check.AsWindows1252(), ct);
                encoding = "windows-1252";
            }
            var transpose = request.Orientation == Orientation.Columns || (request.Orientation == Orientation.Auto && layout.FromBiomTool);
            var detected = new DetectedFormat(layout.FromBiomTool ? "biom-tool table" : "delimited text", DetectedFormat.DelimiterName(layout.Separator),
                encoding, fallback, Name(request.Orientation), transpose);
            if (!transpose) return new PreparedUpload(upload, layout, detected, []);

            var transposed = TextTransposer.Transpose(upload, layout, options.MaxTransposeCells, options.TempDirectory, ct);
            await upload.DisposeAsync();
            upload = transposed;
            return new PreparedUpload(upload, CsvValidator.Validate(upload, ConvertedTable.Check(options.MaxColumns), ct), detected, []);
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    private static async Task<PreparedUpload> BiomAsync(Stream body, UploadKind kind, UploadRequest request, UploadOptions options, CancellationToken ct)
    {
        await using var staged = await StagedUpload.StageAsync(body, options.MaxFileSizeBytes, options.TempDirectory, ct);
        if (staged.Length == 0) throw new UploadValidationException(UploadProblem.Empty, "The file is empty.");
        // A zip can unpack to far more than it weighs; the table inside is bounded too.
        await using var extracted = kind == UploadKind.QiimeArtifact
            ? await QiimeArtifact.ExtractFeatureTableAsync(staged, options.MaxFileSizeBytes * 8, options.TempDirectory, ct)
            : null;
        var biom = extracted ?? staged;
        BiomTable table;
        string format;
        if (BiomHdf5Reader.IsHdf5(biom.Stream))
        {
            table = BiomHdf5Reader.Read(biom.Stream, options.MaxTransposeCells, ct);
            format = "BIOM 2.1 (HDF5)";
        }
        else if (StartsWithJsonObject(biom))
        {
            biom.Rewind();
            var json = new byte[biom.Length];
            await biom.Stream.ReadExactlyAsync(json, ct);
            table = BiomJsonReader.Read(json, options.MaxTransposeCells, ct);
            format = "BIOM 1.0 (JSON)";
        }
        else
        {
            throw BiomProblems.BadBiom(kind == UploadKind.QiimeArtifact
                ? "The feature table inside the artifact is neither BIOM 2.1 (HDF5) nor BIOM 1.0 (JSON)."
                : "The .biom file is neither BIOM 1.0 (JSON) nor BIOM 2.1 (HDF5).");
        }

        var samplesAsRows = request.Orientation != Orientation.Rows;
        var target = StagedUpload.CreateTemp(options.TempDirectory);
        try
        {
            using (var converted = new ConvertedTable(target)) table.WriteTo(converted, samplesAsRows, ct);
            var layout = CsvValidator.Validate(target, ConvertedTable.Check(options.MaxColumns), ct);
            var detected = new DetectedFormat(kind == UploadKind.QiimeArtifact ? $"QIIME 2 feature table, {format}" : format, null, "utf-8", false,
                Name(request.Orientation), samplesAsRows);
            IReadOnlyList<string?> metadata = samplesAsRows && table.FeatureMetadata.Any(m => m is not null) ? [null, .. table.FeatureMetadata] : [];
            return new PreparedUpload(target, layout, detected, metadata);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private static string Name(Orientation orientation) => orientation.ToString().ToLowerInvariant();

    private static bool StartsWithUtf16Mark(StagedUpload upload)
    {
        upload.Rewind();
        Span<byte> head = stackalloc byte[2];
        var read = upload.Stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        upload.Rewind();
        return read == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
    }

    private static bool StartsWithJsonObject(StagedUpload upload)
    {
        upload.Rewind();
        Span<byte> head = stackalloc byte[64];
        var read = upload.Stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var text = head[..read];
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = text[3..];
        text = text.TrimStart(" \t\r\n"u8);
        return !text.IsEmpty && text[0] == (byte)'{';
    }
}

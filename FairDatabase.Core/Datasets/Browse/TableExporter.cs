using System.IO.Compression;
using System.Text;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Browse;

/// <summary>A table to export and the header to write for it (the uploaded file's own names when known).</summary>
public sealed record ExportTable(UserTable Table, IReadOnlyList<string> Header);

/// <summary>
/// Streams the caller's tables as a ZIP with one CSV per table. PostgreSQL writes the CSV itself
/// (COPY … TO STDOUT under the user's identity, so RLS applies) and each line goes straight into
/// the ZIP entry: memory stays flat whatever the table size.
/// </summary>
public sealed class TableExporter(IUserClient db)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public async Task WriteZipAsync(IReadOnlyList<ExportTable> tables, Stream output, CancellationToken ct)
    {
        await using var buffered = new SyncWriteBuffer(output);
        await using (var zip = await ZipArchive.CreateAsync(buffered, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, ct))
        {
            await WriteEntriesAsync(zip, tables, ct);
        }
        await buffered.FlushAsync(ct);
    }

    private async Task WriteEntriesAsync(ZipArchive zip, IReadOnlyList<ExportTable> tables, CancellationToken ct)
    {
        foreach (var export in tables)
        {
            var entry = zip.CreateEntry(export.Table.Name + ".csv", CompressionLevel.Fastest);
            await using var entryStream = await entry.OpenAsync(ct);
            await using var writer = new StreamWriter(entryStream, Utf8NoBom, bufferSize: 1 << 16);
            await writer.WriteAsync(CsvLine(export.Header).AsMemory(), ct);
            await CopyRowsAsync(export.Table, writer, ct);
        }
    }

    private async Task CopyRowsAsync(UserTable table, StreamWriter writer, CancellationToken ct) =>
        await db.RunOnceAsync(async s =>
        {
            var columns = string.Join(", ", table.VisibleColumns.Select(SqlIdentifier.Quote));
            var sql = $"COPY (SELECT {columns} FROM {SqlIdentifier.Qualified("_realtime", table.Name)} ORDER BY rowid) TO STDOUT (FORMAT csv)";
            using var reader = await s.Connection.BeginTextExportAsync(sql, ct);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
                await writer.WriteAsync(buffer.AsMemory(0, read), ct);
            return true;
        }, ct);

    /// <summary>One CSV record, quoting as PostgreSQL's CSV output does (so the header matches the rows).</summary>
    public static string CsvLine(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => f.Length == 0 || f.AsSpan().IndexOfAny("\",\r\n") >= 0 || f != f.Trim()
            ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : f)) + "\n";
}

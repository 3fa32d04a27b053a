using System.IO.Compression;
using System.Text;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Browse;

/// <summary>A table to export and the header to write for it (the uploaded file's own names when known).</summary>
public sealed record ExportTable(UserTable Table, IReadOnlyList<string> Header);

/// <summary>
/// Streams the caller's tables as a ZIP with one CSV per table, or a dataset's chunks as one CSV. PostgreSQL writes the CSV itself
/// (COPY … TO STDOUT under the user's identity, so RLS applies), in short rowid-range batches:
/// each batch is read whole in its own short transaction, and only then written to the client.
/// A slow or stalled client therefore holds no connection and no open transaction (which would
/// pin the pool and hold back vacuum); memory stays bounded by one batch (about
/// <see cref="BatchCells"/> values). Measured: 1,000,000 rows × 4 columns in 20 batches.
/// </summary>
public sealed class TableExporter(IUserClient db)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Values per batch: 50,000 rows of a 20-column table, 500 of a 2,000-column one (a few MB).</summary>
    internal int BatchCells { get; init; } = 1_000_000;

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

    /// <summary>
    /// One CSV of a whole dataset: its chunk tables side by side (every chunk has a row for each
    /// dataset row), the id column once, in the order given (chunk order); the header is the first
    /// table's followed by each further table's without its id column. Each batch reads every chunk
    /// on its own and joins the records here: one query over all chunks would name more columns
    /// than PostgreSQL allows in a target list (1,664), which a 2,005-column dataset exceeds.
    /// </summary>
    public async Task WriteCsvAsync(IReadOnlyList<ExportTable> chunks, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, Utf8NoBom, bufferSize: 1 << 16);
        if (chunks.Count == 0) return;
        await writer.WriteAsync(CsvLine(chunks.SelectMany((c, i) => i == 0 ? c.Header : c.Header.Skip(1))).AsMemory(), ct);
        var selects = chunks.Select((c, i) => $"c0.rowid, {string.Join(", ", (i == 0 ? c.Table.VisibleColumns : c.Table.VisibleColumns.Skip(1)).Select(column => "c0." + SqlIdentifier.Quote(column)))}").ToList();
        var froms = chunks.Select(c => SqlIdentifier.Qualified("_realtime", c.Table.Name) + " c0").ToList();
        await CopyBatchesAsync(froms[0], chunks.Sum(c => c.Table.VisibleColumns.Count()), writer, async (after, until) =>
        {
            var records = new List<List<string>>();
            for (var i = 0; i < chunks.Count; i++)
                records.Add(CopyCsvRecords.Split(await CopyCsvAsync(selects[i], froms[i], after, until, ct)));
            if (records.Any(r => r.Count != records[0].Count))
                throw new InvalidDataException("The tables of this dataset do not hold the same rows.");
            var joined = new StringBuilder();
            for (var row = 0; row < records[0].Count; row++)
            {
                var rowId = CopyCsvRecords.FirstField(records[0][row]);
                for (var i = 0; i < records.Count; i++)
                {
                    if (CopyCsvRecords.FirstField(records[i][row]) != rowId) throw new InvalidDataException("The tables of this dataset do not hold the same rows.");
                    if (i > 0) joined.Append(',');
                    joined.Append(CopyCsvRecords.AfterFirstField(records[i][row]));
                }
                joined.Append('\n');
            }
            return joined;
        }, ct);
    }

    private Task CopyRowsAsync(UserTable table, StreamWriter writer, CancellationToken ct)
    {
        var visible = table.VisibleColumns.ToList();
        var from = SqlIdentifier.Qualified("_realtime", table.Name) + " c0";
        var select = string.Join(", ", visible.Select(c => "c0." + SqlIdentifier.Quote(c)));
        return CopyBatchesAsync(from, visible.Count, writer, (after, until) => CopyCsvAsync(select, from, after, until, ct), ct);
    }

    /// <summary>
    /// Reads the rows a batch at a time (<paramref name="batch"/> gets a rowid window and returns
    /// its CSV), each batch read whole before it is written.
    /// </summary>
    /// <param name="rangeFrom">The table (aliased <c>c0</c>) whose rowids set the windows.</param>
    private async Task CopyBatchesAsync(string rangeFrom, int columnCount, StreamWriter writer, Func<long, long, Task<StringBuilder>> batch, CancellationToken ct)
    {
        long rowsPerBatch = Math.Clamp(BatchCells / Math.Max(1, columnCount), 50, 50_000);
        // Fixed rowid windows between the first and last row (rowid is a serial, so windows are
        // nearly full). Asking for "the next N rows" instead would make PostgreSQL sort the whole
        // table per batch when it has no statistics for the table.
        var (first, last) = await db.RunOnceAsync(async s =>
            (await s.ExecuteScalarAsync<long?>($"SELECT min(c0.rowid)::bigint FROM {rangeFrom}"),
             await s.ExecuteScalarAsync<long?>($"SELECT max(c0.rowid)::bigint FROM {rangeFrom}")), ct);
        if (first is null || last is null) return;
        for (var after = first.Value - 1; after < last.Value; after += rowsPerBatch)
        {
            var csv = await batch(after, after + rowsPerBatch);
            // The batch's transactions have ended: the client may now take its time.
            foreach (var chunk in csv.GetChunks()) await writer.WriteAsync(chunk, ct);
        }
    }

    /// <summary>PostgreSQL's CSV of the rows in (<paramref name="after"/>, <paramref name="until"/>], in rowid order, read in one short transaction.</summary>
    private async Task<StringBuilder> CopyCsvAsync(string select, string from, long after, long until, CancellationToken ct)
    {
        // Both bounds are numbers this code produced; COPY takes no parameters.
        var sql = FormattableString.Invariant(
            $"COPY (SELECT {select} FROM {from} WHERE c0.rowid > {after} AND c0.rowid <= {until} ORDER BY c0.rowid) TO STDOUT (FORMAT csv)");
        var csv = new StringBuilder();
        await db.RunOnceAsync(async s =>
        {
            using var reader = await s.Connection.BeginTextExportAsync(sql, ct);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0) csv.Append(buffer, 0, read);
            return true;
        }, ct);
        return csv;
    }

    /// <summary>One CSV record, quoting as PostgreSQL's CSV output does (so the header matches the rows).</summary>
    public static string CsvLine(IEnumerable<string> fields) => AppendCsvLine(new StringBuilder(), fields).ToString();

    /// <summary>
    /// Appends one CSV record (quoted where a field needs it, ending in a newline). Writers of many
    /// rows reuse one builder: a wide row as one new string each time is large-object garbage.
    /// </summary>
    public static StringBuilder AppendCsvLine(StringBuilder line, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        foreach (var field in fields)
        {
            if (!first) line.Append(',');
            first = false;
            var f = field.AsSpan();
            if (f.Length == 0 || f.IndexOfAny("\",\r\n") >= 0 || char.IsWhiteSpace(f[0]) || char.IsWhiteSpace(f[^1]))
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                line.Append(field);
        }
        return line.Append('\n');
    }
}

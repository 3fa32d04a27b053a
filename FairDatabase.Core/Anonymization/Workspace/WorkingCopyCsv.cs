using System.Globalization;
using System.Text;
using FairDatabase.Core.Datasets.Browse;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// Writes a working copy as CSV (header, then one record per kept row), quoting as downloads of
/// stored tables do. Rows come a block at a time (<see cref="WorkingCopy.RowsAsync"/>), so memory
/// stays bounded whatever the table's size and no connection is held while the client reads.
/// </summary>
public static class WorkingCopyCsv
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="copy">The working copy.</param>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="rowNumberColumn">When given, a first column of that name numbering the rows from 1.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>The rows written.</returns>
    public static async Task<int> WriteAsync(WorkingCopy copy, Stream output, string? rowNumberColumn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(copy);
        // The first block is read before anything is written, so a source that has gone fails
        // while the caller can still answer with a message instead of a truncated file.
        await using var rowsOut = copy.RowsAsync(ct).GetAsyncEnumerator(ct);
        var more = await rowsOut.MoveNextAsync();
        await using var writer = new StreamWriter(output, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
        IReadOnlyList<string> header = rowNumberColumn is null ? copy.Columns : [rowNumberColumn, .. copy.Columns];
        await writer.WriteAsync(TableExporter.CsvLine(header).AsMemory(), ct);
        var rows = 0;
        var line = new StringBuilder();
        for (; more; more = await rowsOut.MoveNextAsync())
        {
            rows++;
            line.Clear();
            if (rowNumberColumn is not null) line.Append(rows.ToString(CultureInfo.InvariantCulture)).Append(',');
            await writer.WriteAsync(TableExporter.AppendCsvLine(line, rowsOut.Current), ct);
        }
        return rows;
    }
}

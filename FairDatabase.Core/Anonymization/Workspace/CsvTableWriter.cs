using System.Text;
using FairDatabase.Core.Datasets.Browse;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Writes a working copy as CSV (header, then one record per row), quoting as downloads of stored tables do.</summary>
public static class CsvTableWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(AnonTable table, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = new StreamWriter(output, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
        await writer.WriteAsync(TableExporter.CsvLine(table.ColumnNames).AsMemory(), ct);
        foreach (var row in table.Rows())
            await writer.WriteAsync(TableExporter.CsvLine(row).AsMemory(), ct);
    }
}

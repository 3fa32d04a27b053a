using CsvHelper;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// Turns a checked delimited file with samples as columns (a feature table: one row per
/// feature) into one with samples as rows. The whole table is held in memory — every value's
/// bytes in one array and a 32-bit offset per cell — so the size is bounded by
/// <see cref="UploadOptions.MaxTransposeCells"/> before anything is read.
/// </summary>
internal static class TextTransposer
{
    public static StagedUpload Transpose(StagedUpload upload, CsvLayout layout, long maxCells, string? tempDirectory, CancellationToken ct)
    {
        var columns = layout.Header.Count;
        TransposeBound.Check(layout.Rows + 1, columns, maxCells);
        // Decoded UTF-8 values are never longer than they are in the file; transcoded ones may be.
        var arena = new byte[checked((int)Math.Min(Array.MaxLength, upload.Length + 16))];
        var offsets = new int[checked((int)(layout.Rows * columns) + 1)];
        var used = 0;
        var cell = 0;
        upload.Rewind();
        using (var reader = CsvReader.Create(upload.Stream, layout.ReaderOptions(trackLines: false), leaveOpen: true))
        {
            for (var i = 0; i < layout.LeadingRecords; i++) reader.Read();
            while (reader.Read())
            {
                if ((cell & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                for (var c = 0; c < columns; c++)
                {
                    var value = reader.GetSpan(c);
                    if (used + value.Length > arena.Length) Array.Resize(ref arena, (int)Math.Min(Array.MaxLength, Math.Max(used + value.Length, arena.Length * 3L / 2)));
                    value.CopyTo(arena.AsSpan(used));
                    used += value.Length;
                    offsets[++cell] = used;
                }
            }
        }

        var target = StagedUpload.CreateTemp(tempDirectory);
        try
        {
            using var table = new ConvertedTable(target);
            var rows = checked((int)layout.Rows);
            // New header: the sample id column, then every feature id (the first value of each row).
            table.Field(ConvertedTable.SampleIdColumn);
            for (var r = 0; r < rows; r++) table.Field(Cell(arena, offsets, r * columns));
            table.EndRecord();
            for (var c = 1; c < columns; c++)
            {
                table.Field(layout.Header[c]);
                for (var r = 0; r < rows; r++) table.Field(Cell(arena, offsets, (r * columns) + c));
                table.EndRecord();
            }
            table.Complete();
            return target;
        }
        catch
        {
            target.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private static ReadOnlySpan<byte> Cell(byte[] arena, int[] offsets, int index) => arena.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);
}

/// <summary>The one check of a table's size before it is transposed in memory.</summary>
internal static class TransposeBound
{
    public static void Check(long rows, long columns, long maxCells)
    {
        if (rows * columns <= maxCells) return;
        throw new UploadValidationException(UploadProblem.TooLargeToTranspose,
            $"The table has {rows:N0} × {columns:N0} = {rows * columns:N0} cells; turning samples into rows (orientation \"columns\" or \"auto\") works on at most {maxCells:N0}. "
            + "Upload it with orientation \"rows\" to store it as it is, split it, or ask for a higher Upload:MaxTransposeCells.");
    }
}

using System.Buffers.Text;
using System.Text;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// A deterministic, wide microbiome-style CSV for benchmarks and load tests: a sample id, four
/// metadata columns (age, sex, BMI, body site), then taxa count columns that are mostly zero
/// with a long tail of larger counts, as real abundance tables are. The defaults (10,000 rows ×
/// 2,005 columns) give about 50 MB. The same settings always give the same bytes.
/// </summary>
/// <example><code>
/// var generator = new MicrobiomeCsvGenerator { Rows = 10_000, TaxaColumns = 2_000 };
/// long bytes = await generator.WriteFileAsync("/tmp/microbiome.csv", ct);
/// </code></example>
public sealed class MicrobiomeCsvGenerator
{
    public const int MetadataColumns = 5;
    private static readonly string[] Sites = ["stool", "oral", "skin", "nasal", "vaginal"];

    public int Rows { get; init; } = 10_000;

    /// <summary>Count columns after the five metadata columns.</summary>
    public int TaxaColumns { get; init; } = 2_000;

    public int Seed { get; init; } = 20251122;

    public int TotalColumns => MetadataColumns + TaxaColumns;

    public async Task<long> WriteFileAsync(string path, CancellationToken ct = default)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        return await WriteAsync(file, ct);
    }

    /// <summary>Writes the CSV (UTF-8, comma separated, LF line ends) and returns its length in bytes.</summary>
    public async Task<long> WriteAsync(Stream output, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Rows);
        ArgumentOutOfRangeException.ThrowIfNegative(TaxaColumns);
        var random = new Random(Seed);
        var line = new byte[64 + (TaxaColumns * 12)];
        long total = 0;

        var header = new StringBuilder("sample_id,age,sex,bmi,body_site");
        for (var t = 1; t <= TaxaColumns; t++) header.Append(",g__Taxon_otu").Append(t.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        var headerBytes = Encoding.UTF8.GetBytes(header.Append('\n').ToString());
        await output.WriteAsync(headerBytes, ct);
        total += headerBytes.Length;

        for (var r = 1; r <= Rows; r++)
        {
            var length = WriteRow(line, r, random);
            await output.WriteAsync(line.AsMemory(0, length), ct);
            total += length;
        }
        return total;
    }

    private int WriteRow(Span<byte> line, int row, Random random)
    {
        var n = 0;
        n += Ascii(line[n..], $"S{row:D6},{18 + random.Next(70)},{(random.Next(2) == 0 ? "F" : "M")},{15 + (random.Next(250) / 10.0):0.0},{Sites[random.Next(Sites.Length)]}");
        for (var t = 0; t < TaxaColumns; t++)
        {
            line[n++] = (byte)',';
            Utf8Formatter.TryFormat(Count(random), line[n..], out var written);
            n += written;
        }
        line[n++] = (byte)'\n';
        return n;
    }

    /// <summary>About 60 % zeros; the rest spread over several orders of magnitude.</summary>
    private static int Count(Random random)
    {
        var p = random.Next(100);
        return p < 60 ? 0 : p < 85 ? random.Next(1, 10) : p < 97 ? random.Next(10, 1000) : random.Next(1000, 100_000);
    }

    private static int Ascii(Span<byte> destination, string text) =>
        Encoding.ASCII.GetBytes(text, destination);
}

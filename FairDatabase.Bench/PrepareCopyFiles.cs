using System.Globalization;
using System.Text;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Bench;

/// <summary>
/// <c>prep-copy --in FILE --out-dir DIR [--chunk 1200] [--hash]</c>: splits a generated CSV into
/// one headerless file per table the app would create (the id column first in each), for the
/// psql \copy side of the upload benchmark. With --hash the id is replaced by its SHA-256 hex, as
/// the app stores it, so both sides load byte-for-byte the same rows. The generator writes plain
/// fields (no quotes, no embedded commas), so splitting on commas is exact here.
/// </summary>
internal static class PrepareCopyFiles
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? input = null, outDir = null;
        var chunk = 1200;
        var hash = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--in": input = args[++i]; break;
                case "--out-dir": outDir = args[++i]; break;
                case "--chunk": chunk = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--hash": hash = true; break;
                default: return Usage();
            }
        }
        if (input is null || outDir is null) return Usage();

        var hasher = new IdHasher(null);
        using var reader = new StreamReader(input, Encoding.UTF8);
        var columns = (await reader.ReadLineAsync())!.Split(',').Length;
        var tables = (columns - 2) / chunk + 1;
        var writers = Enumerable.Range(1, tables)
            .Select(t => new StreamWriter(Path.Combine(outDir, $"chunk{t}.csv"), false, new UTF8Encoding(false), 1 << 16))
            .ToArray();
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var fields = line.Split(',');
                var id = hash ? hasher.Hex(fields[0]) : fields[0];
                for (var t = 0; t < tables; t++)
                {
                    var from = 1 + t * chunk;
                    var count = Math.Min(chunk, columns - from);
                    await writers[t].WriteAsync(id);
                    await writers[t].WriteAsync(',');
                    await writers[t].WriteLineAsync(string.Join(',', fields, from, count));
                }
            }
        }
        finally
        {
            foreach (var w in writers) await w.DisposeAsync();
        }
        Console.WriteLine(tables);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: FairDatabase.Bench prep-copy --in FILE --out-dir DIR [--chunk 1200] [--hash]");
        return 2;
    }
}

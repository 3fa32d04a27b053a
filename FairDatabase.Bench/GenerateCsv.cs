using System.Globalization;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Bench;

/// <summary>
/// <c>gen-csv --rows N --columns N --out FILE [--seed S]</c>: the deterministic microbiome-style
/// file the upload benchmark sends (the project's own generator, so app and psql load the same bytes).
/// </summary>
internal static class GenerateCsv
{
    public static async Task<int> RunAsync(string[] args)
    {
        var defaults = new MicrobiomeCsvGenerator();
        int rows = defaults.Rows, columns = defaults.TaxaColumns, seed = defaults.Seed;
        string? output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--rows": rows = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--columns": columns = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--out": output = value; break;
                default: return Usage();
            }
        }
        var generator = new MicrobiomeCsvGenerator { Rows = rows, TaxaColumns = columns, Seed = seed };
        if (output is null) return Usage();
        var bytes = await generator.WriteFileAsync(output);
        Console.WriteLine($"{output}: {generator.Rows} rows x {generator.TotalColumns} columns, {bytes / (1024.0 * 1024):F1} MB");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: FairDatabase.Bench gen-csv --rows N --columns N --out FILE [--seed S]");
        return 2;
    }
}

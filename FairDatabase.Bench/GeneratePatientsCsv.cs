using System.Globalization;
using System.Text;

namespace FairDatabase.Bench;

/// <summary>
/// <c>gen-patients --rows N --out FILE [--seed S]</c>: the synthetic patient table of the privacy
/// benchmark as a CSV (8 columns), so a long table can be uploaded and scored over HTTP.
/// </summary>
internal static class GeneratePatientsCsv
{
    public static async Task<int> RunAsync(string[] args)
    {
        int rows = 100_000, seed = 20251122;
        string? output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--out": output = args[i + 1]; break;
                default: return Usage();
            }
        }
        if (output is null) return Usage();
        await using var writer = new StreamWriter(output, append: false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync(string.Join(',', SyntheticPatients.Header));
        foreach (var row in SyntheticPatients.Generate(rows, seed))
            await writer.WriteLineAsync(string.Join(',', row));
        Console.WriteLine($"{output}: {rows} rows x {SyntheticPatients.Header.Length} columns");
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: FairDatabase.Bench gen-patients --rows N --out FILE [--seed S]");
        return 2;
    }
}

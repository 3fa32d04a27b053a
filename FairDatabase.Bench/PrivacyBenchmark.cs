using System.Diagnostics;
using System.Globalization;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Bench;

/// <summary>
/// Times the P29 report on a synthetic table. Generating the string rows is not timed; building
/// the AnonTable from them is timed on its own; each P29 case reports its first run (JIT and cold
/// caches included) and the best of three.
/// </summary>
internal static class PrivacyBenchmark
{
    private const int Runs = 3;

    private static readonly (string[] QuasiIdentifiers, double TargetSeconds)[] Cases =
    [
        (["age_group", "sex", "zip3"], 0.5),
        (["age_group", "sex", "zip3", "country", "bmi"], 1.0),
    ];

    private static readonly string[] Sensitive = ["diagnosis", "smoker"];

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var rows, out var seed))
        {
            Console.Error.WriteLine("usage: privacy [--rows N] [--seed S]   (N ≥ 1, default 1000000; S default 29)");
            return 2;
        }

        Console.WriteLine($"privacy benchmark: {rows:N0} rows, seed {seed}, sensitive {{{string.Join(", ", Sensitive)}}}");
        var stringRows = SyntheticPatients.Generate(rows, seed);

        var watch = Stopwatch.StartNew();
        var table = AnonTable.FromRows(SyntheticPatients.Header, stringRows);
        Console.WriteLine($"build AnonTable from string rows: {watch.Elapsed.TotalSeconds:F3} s");
        stringRows = null; // let the strings go before measuring the engine
        GC.Collect();

        foreach (var (quasiIdentifiers, target) in Cases)
        {
            double first = 0, best = double.MaxValue;
            PrivacyReport? report = null;
            for (var run = 0; run < Runs; run++)
            {
                watch.Restart();
                report = PrivacyScorer.Evaluate(table, quasiIdentifiers, Sensitive);
                var seconds = watch.Elapsed.TotalSeconds;
                if (run == 0) first = seconds;
                best = Math.Min(best, seconds);
            }
            Console.WriteLine(
                $"P29 QIs {{{string.Join(", ", quasiIdentifiers)}}}: best of {Runs} {best:F3} s, first {first:F3} s "
                + $"(target < {target:F1} s), {report!.ClassCount:N0} classes, min k {report.MinK}, P29 {report.P29:F4}");
            if (report.Reasons.Count > 0)
                Console.WriteLine($"  P29 is 0 because: {string.Join(" ", report.Reasons)}");
        }

        Console.WriteLine($"peak RSS (VmHWM): {PeakResidentMegabytes()}");
        return 0;
    }

    private static bool TryParse(string[] args, out int rows, out int seed)
    {
        rows = 1_000_000;
        seed = 29;
        for (var i = 0; i < args.Length; i++)
        {
            var ok = args[i] switch
            {
                "--rows" when i + 1 < args.Length => int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out rows) && rows > 0,
                "--seed" when i + 1 < args.Length => int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed),
                _ => false,
            };
            if (!ok)
                return false;
        }
        return true;
    }

    // Linux reports the high-water mark of the resident set in /proc/self/status.
    internal static string PeakResidentMegabytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
            return "unavailable (no /proc/self/status)";
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null || !long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kilobytes))
            return "unavailable";
        return $"{kilobytes / 1024.0:F0} MB";
    }
}

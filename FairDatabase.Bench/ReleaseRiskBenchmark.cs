using System.Diagnostics;
using System.Globalization;
using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Releases.Risk;

namespace FairDatabase.Bench;

/// <summary>
/// Times a release's risk figures over 5 quasi-identifiers: the release is the synthetic table
/// with every tenth row removed (as privacy processing would), the population the whole table.
/// Building the tables is not timed; each case reports its first run and the best of three.
/// </summary>
internal static class ReleaseRiskBenchmark
{
    private const int Runs = 3;
    private static readonly string[] QuasiIdentifiers = ["age_group", "sex", "zip3", "country", "bmi"];

    public static int Run(string[] args)
    {
        var rows = 1_000_000;
        if (args is ["--rows", var text] && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out rows) || rows < 10)
            || args is not ([] or ["--rows", _]))
        {
            Console.Error.WriteLine("usage: releases [--rows N]   (N ≥ 10, default 1000000)");
            return 2;
        }
        var population = AnonTable.FromRows(SyntheticPatients.Header, SyntheticPatients.Generate(rows, 29));
        var keep = new bool[rows];
        for (var r = 0; r < rows; r++) keep[r] = r % 10 != 0;
        var release = population.KeepRows(keep);
        GC.Collect();
        Console.WriteLine($"release risk benchmark: release {release.RowCount:N0} rows, population {population.RowCount:N0} rows, QIs {{{string.Join(", ", QuasiIdentifiers)}}}");

        Time("risk figures against the population", () => RiskCalculator.Compute(release, population, QuasiIdentifiers, 0.2));
        Time("risk figures, release as its own population", () => RiskCalculator.Compute(release, null, QuasiIdentifiers, 0.2));
        // Worst case for the drivers: a near-identifier among the QIs makes every row a sample unique.
        string[] withId = ["age_group", "sex", "zip3", "bmi", "patient_id"];
        Time("risk figures, every row unique (patient_id as a QI)", () => RiskCalculator.Compute(release, population, withId, 0.2));
        Console.WriteLine($"peak RSS (VmHWM): {PrivacyBenchmark.PeakResidentMegabytes()}");
        return 0;
    }

    private static void Time(string name, Func<Core.Releases.RiskFigures> compute)
    {
        double first = 0, best = double.MaxValue;
        FairDatabase.Core.Releases.RiskFigures? risk = null;
        var watch = new Stopwatch();
        for (var run = 0; run < Runs; run++)
        {
            watch.Restart();
            risk = compute();
            var seconds = watch.Elapsed.TotalSeconds;
            if (run == 0) first = seconds;
            best = Math.Min(best, seconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: best of {Runs} {best:F3} s, first {first:F3} s (target < 1 s); {risk!.Classes:N0} classes, sample uniques {risk.SampleUniques:P2}, prosecutor {risk.ProsecutorHighest:F3}, journalist {risk.JournalistHighest:F3}, marketer {risk.Marketer:F4}"));
    }
}

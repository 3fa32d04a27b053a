using FairDatabase.Core.Anonymization;

namespace FairDatabase.Core.Releases.Risk;

/// <summary>
/// Re-identification risk of a release over its quasi-identifiers (definitions in the README's
/// Releases section). Columnar: release and population are stacked into one dictionary-encoded
/// table and partitioned once (<see cref="EquivalenceClasses"/>), so each class's f (release
/// rows) and F (population rows) are two counts of the same class index — no string keys, no
/// join. Every missing spelling (empty, NA, N/A, NaN, null) is one value, the missing value.
/// </summary>
public static class RiskCalculator
{
    /// <param name="release">The release's rows, at least the quasi-identifier columns.</param>
    /// <param name="population">The source generalized the same way; null when there is none (the release stands in for it).</param>
    public static RiskFigures Compute(AnonTable release, AnonTable? population, IReadOnlyList<string> quasiIdentifiers, double threshold)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(quasiIdentifiers);
        var sample = QuasiIdentifierTable.Normalized(release, quasiIdentifiers);
        var n = sample.RowCount;
        if (n == 0)
            return new RiskFigures(0, 0, 0, 0, 0, 0, 0, 0, threshold, population?.RowCount ?? 0, [.. quasiIdentifiers], [])
            { PopulationIsRelease = population is null };

        var stacked = population is null ? sample : QuasiIdentifierTable.Stack(sample, QuasiIdentifierTable.Normalized(population, quasiIdentifiers));
        var partition = EquivalenceClasses.Partition(stacked, quasiIdentifiers);
        var classOfRow = partition.ClassOfRow;
        var f = new long[partition.ClassCount];
        var populationSize = new long[partition.ClassCount];
        for (var r = 0; r < n; r++) f[classOfRow[r]]++;
        if (population is null) Array.Copy(f, populationSize, f.Length);
        else for (var r = n; r < stacked.RowCount; r++) populationSize[classOfRow[r]]++;

        long classes = 0, minF = long.MaxValue, minBigF = long.MaxValue, atRisk = 0, uniques = 0;
        double marketerSum = 0;
        for (var c = 0; c < f.Length; c++)
        {
            if (f[c] == 0) continue; // a population class with no released row
            classes++;
            // A released row is part of the population: F below f means the source changed since (counted as f).
            var bigF = Math.Max(populationSize[c], f[c]);
            minF = Math.Min(minF, f[c]);
            minBigF = Math.Min(minBigF, bigF);
            if (1.0 / f[c] > threshold) atRisk += f[c];
            if (f[c] == 1) uniques++;
            marketerSum += (double)f[c] / bigF;
        }
        var drivers = Drivers(sample, quasiIdentifiers, partition, f, uniques);
        return new RiskFigures(n, classes, 1.0 / minF, (double)classes / n, (double)atRisk / n, 1.0 / minBigF, marketerSum / n,
            (double)uniques / n, threshold, population?.RowCount ?? n, [.. quasiIdentifiers], drivers)
        { PopulationIsRelease = population is null };
    }

    /// <summary>Per quasi-identifier: the share of sample uniques whose class, without it, holds more than one released row.</summary>
    private static List<RiskDriver> Drivers(AnonTable sample, IReadOnlyList<string> quasiIdentifiers, EquivalenceClassPartition full, long[] f, long uniques)
    {
        var n = sample.RowCount;
        var uniqueRows = new List<int>();
        if (uniques > 0)
            for (var r = 0; r < n; r++)
                if (f[full.ClassOfRow[r]] == 1) uniqueRows.Add(r);
        var drivers = new List<RiskDriver>(quasiIdentifiers.Count);
        foreach (var left in quasiIdentifiers)
        {
            if (uniqueRows.Count == 0) { drivers.Add(new RiskDriver(left, 0)); continue; }
            var rest = quasiIdentifiers.Where(q => q != left).ToList();
            long resolved;
            if (rest.Count == 0) resolved = n > 1 ? uniqueRows.Count : 0; // without its only quasi-identifier every row is alike
            // A remaining column with a different value in every row (an id) keeps every row unique: no partition needed.
            else if (rest.Any(q => sample.Column(q).Cardinality == n)) resolved = 0;
            else
            {
                var without = EquivalenceClasses.Partition(sample, rest);
                resolved = uniqueRows.Count(r => without.Sizes[without.ClassOfRow[r]] > 1);
            }
            drivers.Add(new RiskDriver(left, (double)resolved / uniqueRows.Count));
        }
        return drivers;
    }
}

using System.Numerics;

namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// Between-sample distances on a samples × features matrix (row-major). Bray–Curtis on the counts
/// as stored: Σ|aᵢ − bᵢ| / Σ(aᵢ + bᵢ). Aitchison: the Euclidean distance between the centred
/// log-ratio transforms of x + pseudocount. Both return the full n × n matrix, row-major.
/// </summary>
public static class BetaDistances
{
    public static double[] BrayCurtis(double[] counts, int samples, int features)
    {
        var totals = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            double t = 0;
            foreach (var c in counts.AsSpan(i * features, features)) t += c;
            totals[i] = t;
        }
        var distances = new double[samples * samples];
        Parallel.For(0, samples, i =>
        {
            var a = counts.AsSpan(i * features, features);
            for (var j = i + 1; j < samples; j++)
            {
                var denominator = totals[i] + totals[j];
                var value = denominator == 0 ? 0 : AbsoluteDifference(a, counts.AsSpan(j * features, features)) / denominator;
                distances[(i * samples) + j] = value;
                distances[(j * samples) + i] = value;
            }
        });
        return distances;
    }

    /// <summary>Centred log-ratio of x + pseudocount per sample, in place; refuses a non-positive value before the log.</summary>
    public static double[] CenteredLogRatio(double[] counts, int samples, int features, double pseudocount)
    {
        var clr = counts;
        for (var i = 0; i < samples; i++)
        {
            var row = counts.AsSpan(i * features, features);
            var target = clr.AsSpan(i * features, features);
            double mean = 0;
            for (var f = 0; f < features; f++)
            {
                var shifted = row[f] + pseudocount;
                if (shifted <= 0)
                    throw new DiversityInputException("Aitchison distance needs every count plus the pseudocount above 0: use a pseudocount above 0 for tables with zeros.");
                target[f] = Math.Log(shifted);
                mean += target[f];
            }
            mean /= features;
            foreach (ref var v in target) v -= mean;
        }
        return clr;
    }

    /// <summary>Overwrites counts with their clr transform.</summary>
    public static double[] Aitchison(double[] counts, int samples, int features, double pseudocount)
    {
        var clr = CenteredLogRatio(counts, samples, features, pseudocount);
        var squaredNorms = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var row = clr.AsSpan(i * features, features);
            squaredNorms[i] = SymmetricEigen.Dot(row, row);
        }
        var distances = new double[samples * samples];
        Parallel.For(0, samples, i =>
        {
            var a = clr.AsSpan(i * features, features);
            for (var j = i + 1; j < samples; j++)
            {
                // |a − b|² = |a|² + |b|² − 2 a·b; one dot product per pair instead of a difference.
                var squared = squaredNorms[i] + squaredNorms[j] - (2 * SymmetricEigen.Dot(a, clr.AsSpan(j * features, features)));
                var value = Math.Sqrt(Math.Max(0, squared));
                distances[(i * samples) + j] = value;
                distances[(j * samples) + i] = value;
            }
        });
        return distances;
    }

    private static double AbsoluteDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
                acc += Vector.Abs(new Vector<double>(a[i..]) - new Vector<double>(b[i..]));
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum;
    }
}

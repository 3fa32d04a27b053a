using System.Runtime.CompilerServices;
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
        ForEachPair(samples, (i, j) =>
        {
            var denominator = totals[i] + totals[j];
            var value = denominator == 0 ? 0 : AbsoluteDifference(counts.AsSpan(i * features, features), counts.AsSpan(j * features, features)) / denominator;
            distances[(i * samples) + j] = value;
            distances[(j * samples) + i] = value;
        });
        return distances;
    }

    /// <summary>Centred log-ratio of x + pseudocount per sample, in place; refuses a non-positive value before the log.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called millions of times: compiled optimized at first use (docs/architecture.md, "Explore")
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
        ForEachPair(samples, (i, j) =>
        {
            // |a − b|² = |a|² + |b|² − 2 a·b; one dot product per pair instead of a difference.
            var squared = squaredNorms[i] + squaredNorms[j] - (2 * SymmetricEigen.Dot(clr.AsSpan(i * features, features), clr.AsSpan(j * features, features)));
            var value = Math.Sqrt(Math.Max(0, squared));
            distances[(i * samples) + j] = value;
            distances[(j * samples) + i] = value;
        });
        return distances;
    }

    /// <summary>
    /// Calls pair(i, j) for every i &lt; j, tile by tile: a tile's rows stay in the CPU cache while
    /// they meet each other, instead of every row streaming the whole matrix from memory
    /// (2,000 rows of 2,000 doubles would move 64 GB; in tiles of 32 rows, about 2 GB).
    /// </summary>
    private static void ForEachPair(int samples, Action<int, int> pair)
    {
        const int tile = 32;
        var tiles = (samples + tile - 1) / tile;
        Parallel.For(0, tiles, ti =>
        {
            var iEnd = Math.Min(samples, (ti + 1) * tile);
            for (var tj = ti; tj < tiles; tj++)
            {
                var jEnd = Math.Min(samples, (tj + 1) * tile);
                for (var i = ti * tile; i < iEnd; i++)
                    for (var j = Math.Max(i + 1, tj * tile); j < jEnd; j++)
                        pair(i, j);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called millions of times: compiled optimized at first use (docs/architecture.md, "Explore")
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

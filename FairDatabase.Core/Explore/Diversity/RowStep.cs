using System.Numerics;
using System.Runtime.CompilerServices;

namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// One row of a Householder step in a single pass: the rank-2 update and the row's share of the
/// next product, so each element is loaded and stored once instead of once per operation. The
/// reduction is bound by moving the matrix through the cache; fusing the four passes halved it.
/// </summary>
internal static class RowStep
{
    /// <summary>
    /// Row i (the lower triangle's row, i + 1 long): when <paramref name="v"/> is given,
    /// row −= w·v[i] + v·w[i]. Then with s = row[offset..] (j + 1 long): adds s[..j]·next[j] to
    /// product[..j] and returns s·next[..(j + 1)] (the row's own entry of the product).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // most of PCoA's time: compiled optimized at first use (docs/architecture.md, "Explore")
    public static double UpdateAndMultiply(Span<double> row, double[]? v, double[]? w, int offset, double[] next, double[] product, int j)
    {
        var i = row.Length - 1;
        double vi = v is null ? 0 : v[i], wi = w is null ? 0 : w[i], nj = next[j];
        var update = v is not null && w is not null;
        // Entries before the segment only take the update.
        for (var c = 0; c < offset && update; c++) row[c] -= (w![c] * vi) + (v![c] * wi);

        var segment = row.Slice(offset, j + 1);
        ReadOnlySpan<double> vs = update ? v.AsSpan(offset, j + 1) : default, ws = update ? w.AsSpan(offset, j + 1) : default;
        var nexts = next.AsSpan(0, j + 1);
        var products = product.AsSpan(0, j);
        double dot = 0;
        var k = 0;
        var width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && j >= width)
        {
            var acc = Vector<double>.Zero;
            Vector<double> viV = new(vi), wiV = new(wi), njV = new(nj);
            for (; k <= j - width; k += width)
            {
                var r = new Vector<double>(segment[k..]);
                if (update)
                {
                    r = r - (new Vector<double>(ws[k..]) * viV) - (new Vector<double>(vs[k..]) * wiV);
                    r.CopyTo(segment[k..]);
                }
                acc += r * new Vector<double>(nexts[k..]);
                (new Vector<double>(products[k..]) + (r * njV)).CopyTo(products[k..]);
            }
            dot = Vector.Sum(acc);
        }
        for (; k <= j; k++)
        {
            var r = segment[k];
            if (update)
            {
                r = r - (ws[k] * vi) - (vs[k] * wi);
                segment[k] = r;
            }
            dot += r * nexts[k];
            if (k < j) products[k] += r * nj;
        }
        return dot;
    }
}

namespace FairDatabase.Core.Explore.Diversity;

/// <summary>Reduces a symmetric matrix to tridiagonal form for <see cref="SymmetricEigen"/>.</summary>
internal static class TridiagonalReduction
{
    /// <summary>
    /// Householder reduction: diagonal d, off-diagonal e (e[i] couples i and i+1), and the unit
    /// reflectors. Only the lower triangle is used. Each step's update (S − v wᵀ − w vᵀ) and the
    /// next step's product 2 S' v' run in one sweep over the rows, so the matrix crosses the
    /// memory bus once per step instead of twice; the sweep is split over the cores.
    /// </summary>
    public static (double[] D, double[] E, double[]?[] Reflectors) Reduce(double[] a, int n)
    {
        var d = new double[n];
        var e = new double[n];
        var reflectors = new double[]?[Math.Max(0, n - 2)];
        double[]? v = null, p = null;
        if (n > 2)
        {
            (v, e[0]) = Reflector(Column(a, n, 0));
            if (v is not null) p = Sweep(a, n, 1, null, null, v);
        }
        for (var k = 0; k < n - 2; k++)
        {
            var start = k + 1;
            var m = n - start;
            d[k] = a[(k * n) + k];
            reflectors[k] = v;
            var hasNext = k + 1 < n - 2;
            if (v is null || p is null)
            {
                // The column is already zero: nothing to transform at this step.
                (v, var nextE) = hasNext ? Reflector(Column(a, n, start)) : (null, 0);
                if (hasNext) e[k + 1] = nextE;
                p = v is null ? null : Sweep(a, n, start + 1, null, null, v);
                continue;
            }
            // p = 2 S v, K = vᵀ p, w = p − K v; H S H = S − v wᵀ − w vᵀ.
            var kk = SymmetricEigen.Dot(p, v);
            var w = p;
            for (var i = 0; i < m; i++) w[i] -= kk * v[i];
            double[]? next = null;
            if (hasNext)
            {
                // The next column after this update, worked out ahead so the sweep can multiply by its reflector.
                var column = new double[m - 1];
                for (var i = 0; i < m - 1; i++) column[i] = a[((start + 1 + i) * n) + start] - ((v[1 + i] * w[0]) + (w[1 + i] * v[0]));
                (next, e[k + 1]) = Reflector(column);
            }
            p = Sweep(a, n, start, v, w, next);
            v = next;
        }
        if (n >= 2)
        {
            d[n - 2] = a[((n - 2) * n) + n - 2];
            e[n - 2] = a[((n - 1) * n) + n - 2];
        }
        if (n >= 1) d[n - 1] = a[(n * n) - 1];
        return (d, e, reflectors);
    }

    private static double[] Column(double[] a, int n, int k)
    {
        var column = new double[n - k - 1];
        for (var i = 0; i < column.Length; i++) column[i] = a[((k + 1 + i) * n) + k];
        return column;
    }

    /// <summary>The unit Householder vector that maps x onto its first axis, and the value it leaves there; null for x = 0.</summary>
    private static (double[]? V, double Alpha) Reflector(double[] x)
    {
        var norm = Math.Sqrt(SymmetricEigen.Dot(x, x));
        if (norm == 0) return (null, 0);
        var alpha = x[0] > 0 ? -norm : norm;
        x[0] -= alpha;
        var length = Math.Sqrt(SymmetricEigen.Dot(x, x));
        for (var i = 0; i < x.Length; i++) x[i] /= length;
        return (x, alpha);
    }

    /// <summary>
    /// On the block from (start, start): applies S −= v wᵀ + w vᵀ when v is given, then returns
    /// 2 S' next for the block from (start + offset, start + offset), offset = 1 after an update
    /// (the next step's block) and 0 without one.
    /// </summary>
    private static double[]? Sweep(double[] a, int n, int start, double[]? v, double[]? w, double[]? next)
    {
        var m = n - start;
        var offset = v is null ? 0 : 1;
        var parts = m < 256 ? 1 : Environment.ProcessorCount;
        var partial = new double[parts][];
        // Row i costs about i, so the parts split the triangle's area evenly.
        Parallel.For(0, parts, part =>
        {
            var product = next is null ? null : new double[next.Length];
            var from = (int)(m * Math.Sqrt((double)part / parts));
            var to = part == parts - 1 ? m : (int)(m * Math.Sqrt((double)(part + 1) / parts));
            for (var i = from; i < to; i++)
            {
                var row = a.AsSpan(((start + i) * n) + start, i + 1);
                if (product is null || i < offset)
                {
                    if (v is null) continue;
                    SymmetricEigen.SubtractScaled(row, w.AsSpan(0, i + 1), v[i]);
                    SymmetricEigen.SubtractScaled(row, v.AsSpan(0, i + 1), w![i]);
                    continue;
                }
                var j = i - offset;
                product[j] += RowStep.UpdateAndMultiply(row, v, w, offset, next!, product, j);
            }
            partial[part] = product!;
        });
        if (next is null) return null;
        var result = partial[0];
        for (var part = 1; part < parts; part++) for (var i = 0; i < result.Length; i++) result[i] += partial[part][i];
        for (var i = 0; i < result.Length; i++) result[i] *= 2;
        return result;
    }
}

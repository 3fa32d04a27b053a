using System.Numerics;

namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// Eigenvalues of a real symmetric matrix, and eigenvectors for only the few that are asked for.
/// PCoA needs every eigenvalue (the proportion explained divides by the sum of the positive ones)
/// but coordinates on three axes only, so instead of a full decomposition (MathNet's managed one
/// took 25 s for 1,000 × 1,000 here) the matrix is reduced to tridiagonal form by Householder
/// reflections, its eigenvalues found by implicit QL, and the wanted eigenvectors by inverse
/// iteration on the tridiagonal matrix, carried back through the stored reflections.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues in descending order and unit eigenvectors for the first <paramref name="vectors"/> of them.</summary>
    /// <param name="matrix">n × n, row-major, symmetric; overwritten.</param>
    public static (double[] Values, double[][] Vectors) Decompose(double[] matrix, int n, int vectors)
    {
        if (matrix.Length != n * n) throw new ArgumentException("The matrix must be n × n.", nameof(matrix));
        var (d, e, reflectors) = Tridiagonalize(matrix, n);
        var values = (double[])d.Clone();
        var offDiagonal = new double[n];
        Array.Copy(e, offDiagonal, n);
        TridiagonalQl(values, offDiagonal);
        Array.Sort(values, (a, b) => b.CompareTo(a));

        var count = Math.Min(vectors, n);
        var tridiagonalVectors = new double[count][];
        for (var i = 0; i < count; i++)
            tridiagonalVectors[i] = TridiagonalInverseIteration(d, e, values[i], tridiagonalVectors.AsSpan(0, i), values.AsSpan(0, i));
        return (values, tridiagonalVectors.Select(y => BackTransform(y, reflectors)).ToArray());
    }

    /// <summary>
    /// Householder reduction: diagonal d, off-diagonal e (e[i] couples i and i+1), and the unit
    /// reflectors. Only the lower triangle is used. Each step's update (S − v wᵀ − w vᵀ) and the
    /// next step's product 2 S' v' run in one sweep over the rows, so the matrix crosses the
    /// memory bus once per step instead of twice; the sweep is split over the cores.
    /// </summary>
    private static (double[] D, double[] E, double[]?[] Reflectors) Tridiagonalize(double[] a, int n)
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
            var kk = Dot(p, v);
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
        var norm = Math.Sqrt(Dot(x, x));
        if (norm == 0) return (null, 0);
        var alpha = x[0] > 0 ? -norm : norm;
        x[0] -= alpha;
        var length = Math.Sqrt(Dot(x, x));
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
                if (v is not null)
                {
                    SubtractScaled(row, w.AsSpan(0, i + 1), v[i]);
                    SubtractScaled(row, v.AsSpan(0, i + 1), w![i]);
                }
                if (product is null || i < offset) continue;
                var j = i - offset;
                var segment = row[offset..];
                product[j] += Dot(segment, next.AsSpan(0, j + 1));
                SubtractScaled(product.AsSpan(0, j), segment[..j], -next![j]);
            }
            partial[part] = product!;
        });
        if (next is null) return null;
        var result = partial[0];
        for (var part = 1; part < parts; part++) for (var i = 0; i < result.Length; i++) result[i] += partial[part][i];
        for (var i = 0; i < result.Length; i++) result[i] *= 2;
        return result;
    }

    /// <summary>Eigenvalues of the tridiagonal (d, e) by implicit QL with Wilkinson shifts; d receives them.</summary>
    private static void TridiagonalQl(double[] d, double[] e)
    {
        var n = d.Length;
        if (n > 0) e[n - 1] = 0;
        for (var l = 0; l < n; l++)
        {
            for (var iteration = 0; ; iteration++)
            {
                var m = l;
                for (; m < n - 1; m++)
                {
                    var dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= 2.2e-16 * dd) break;
                }
                if (m == l) break;
                if (iteration > 100) throw new InvalidOperationException("The eigenvalue iteration did not converge.");
                var g = (d[l + 1] - d[l]) / (2 * e[l]);
                var r = Hypot(g, 1);
                g = d[m] - d[l] + (e[l] / (g + (g >= 0 ? r : -r)));
                double s = 1, c = 1, p = 0;
                var deflated = false;
                for (var i = m - 1; i >= l; i--)
                {
                    var f = s * e[i];
                    var b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = ((d[i] - g) * s) + (2 * c * b);
                    p = s * r;
                    d[i + 1] = g + p;
                    g = (c * r) - b;
                }
                if (deflated) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    /// <summary>Eigenvector of the tridiagonal (d, e) for eigenvalue λ (in the tridiagonal basis), orthogonal to those already found for the same λ.</summary>
    private static double[] TridiagonalInverseIteration(double[] d, double[] e, double lambda, ReadOnlySpan<double[]> found, ReadOnlySpan<double> foundValues)
    {
        var n = d.Length;
        var scale = 0.0;
        for (var i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(d[i]) + (i < n - 1 ? Math.Abs(e[i]) : 0) + (i > 0 ? Math.Abs(e[i - 1]) : 0));
        var tiny = Math.Max(scale, 1e-300) * 1e-14;
        var solver = new ShiftedTridiagonalSolver(d, e, lambda, tiny);
        var y = new double[n];
        var random = new Random(n);
        for (var i = 0; i < n; i++) y[i] = 0.5 + random.NextDouble();
        for (var round = 0; round < 4; round++)
        {
            solver.Solve(y);
            for (var j = 0; j < found.Length; j++)
            {
                // A repeated eigenvalue: keep its vectors apart (both iterations converge to the same one).
                if (Math.Abs(foundValues[j] - lambda) > 1e-8 * Math.Max(scale, 1e-300)) continue;
                SubtractScaled(y, found[j], Dot(y, found[j]));
            }
            Normalize(y);
        }
        return y;
    }

    private static double[] BackTransform(double[] y, double[]?[] reflectors)
    {
        var x = (double[])y.Clone();
        for (var k = reflectors.Length - 1; k >= 0; k--)
        {
            if (reflectors[k] is not { } v) continue;
            var tail = x.AsSpan(k + 1, v.Length);
            SubtractScaled(tail, v, 2 * Dot(tail, v));
        }
        Normalize(x);
        return x;
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>target −= factor · source.</summary>
    internal static void SubtractScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        if (factor == 0) return;
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var f = new Vector<double>(factor);
            for (; i <= target.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(target[i..]) - (f * new Vector<double>(source[i..]))).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++) target[i] -= factor * source[i];
    }

    private static void Normalize(Span<double> v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        if (norm == 0) return;
        foreach (ref var x in v) x /= norm;
    }

    private static double Hypot(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        if (a < b) (a, b) = (b, a);
        if (a == 0) return 0;
        var t = b / a;
        return a * Math.Sqrt(1 + (t * t));
    }
}

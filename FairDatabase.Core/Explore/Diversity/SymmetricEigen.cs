using System.Runtime.CompilerServices;
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
        var (d, e, reflectors) = TridiagonalReduction.Reduce(matrix, n);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called millions of times: compiled optimized at first use (docs/architecture.md, "Explore")
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called millions of times: compiled optimized at first use (docs/architecture.md, "Explore")
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

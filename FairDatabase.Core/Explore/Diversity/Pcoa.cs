namespace FairDatabase.Core.Explore.Diversity;

/// <summary>Coordinates on the first axes and the share each of the first ten axes explains.</summary>
public sealed record PcoaResult(double[][] Coordinates, double[] ProportionExplained, double[] Eigenvalues);

/// <summary>
/// Principal coordinates analysis, i.e. classical (Torgerson) scaling: B = −½ J D² J with
/// J = I − 11ᵀ/n; coordinates on axis i are vᵢ √λᵢ for λᵢ > 0; proportion explained is
/// λᵢ / Σ_{λ>0} λ. Negative eigenvalues (non-Euclidean distances such as Bray–Curtis) are left
/// out of both, as scikit-bio does. Axis signs are arbitrary.
/// </summary>
public static class Pcoa
{
    public const int ReportedAxes = 10;

    /// <summary>Overwrites the distances (they become B, then its tridiagonal reduction).</summary>
    public static PcoaResult Run(double[] distances, int n, int axes = 3)
    {
        var b = DoubleCentre(distances, n, inPlace: true);
        var (values, vectors) = SymmetricEigen.Decompose(b, n, axes);
        var tolerance = Math.Max(Math.Abs(values.Length > 0 ? values[0] : 0), 1e-300) * 1e-10;
        var positiveSum = values.Where(v => v > tolerance).Sum();
        var proportions = values.Take(ReportedAxes).Select(v => v > tolerance && positiveSum > 0 ? v / positiveSum : 0).ToArray();
        var coordinates = new double[n][];
        for (var s = 0; s < n; s++)
        {
            coordinates[s] = new double[axes];
            for (var a = 0; a < Math.Min(axes, vectors.Length); a++)
                coordinates[s][a] = values[a] > tolerance ? vectors[a][s] * Math.Sqrt(values[a]) : 0;
        }
        return new PcoaResult(coordinates, proportions, values.Take(ReportedAxes).ToArray());
    }

    /// <summary>−½ J D² J, in a new array or over D itself.</summary>
    public static double[] DoubleCentre(double[] distances, int n, bool inPlace = false)
    {
        var b = inPlace ? distances : new double[n * n];
        var rowMeans = new double[n];
        double grand = 0;
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            for (var j = 0; j < n; j++)
            {
                var a = -0.5 * distances[(i * n) + j] * distances[(i * n) + j];
                b[(i * n) + j] = a;
                sum += a;
            }
            rowMeans[i] = sum / n;
            grand += sum;
        }
        grand /= (double)n * n;
        // D is symmetric, so column means equal row means.
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                b[(i * n) + j] += grand - rowMeans[i] - rowMeans[j];
        return b;
    }
}

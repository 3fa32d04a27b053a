namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// Solves (T − σI) y = x for a symmetric tridiagonal T (diagonal d, off-diagonal e) by Gaussian
/// elimination with partial pivoting, factored once and reused by inverse iteration. σ is an
/// eigenvalue, so the matrix is (nearly) singular: zero pivots are replaced by a tiny value, which
/// is what makes inverse iteration blow up towards the eigenvector.
/// </summary>
internal sealed class ShiftedTridiagonalSolver
{
    private readonly double[] _u0, _u1, _u2, _multiplier;
    private readonly bool[] _swapped;

    public ShiftedTridiagonalSolver(double[] d, double[] e, double sigma, double tiny)
    {
        var n = d.Length;
        _u0 = new double[n];
        _u1 = new double[n];
        _u2 = new double[n];
        _multiplier = new double[n];
        _swapped = new bool[n];
        // The working row i has entries at columns i, i+1, i+2.
        double cur0 = d[0] - sigma, cur1 = n > 1 ? e[0] : 0, cur2 = 0;
        for (var i = 0; i < n - 1; i++)
        {
            double next0 = e[i], next1 = d[i + 1] - sigma, next2 = i + 1 < n - 1 ? e[i + 1] : 0;
            if (Math.Abs(cur0) >= Math.Abs(next0))
            {
                if (cur0 == 0) cur0 = tiny;
                var m = next0 / cur0;
                (_u0[i], _u1[i], _u2[i]) = (cur0, cur1, cur2);
                (cur0, cur1, cur2) = (next1 - (m * cur1), next2 - (m * cur2), 0);
                _multiplier[i] = m;
            }
            else
            {
                var m = cur0 / next0;
                (_u0[i], _u1[i], _u2[i]) = (next0, next1, next2);
                (cur0, cur1, cur2) = (cur1 - (m * next1), cur2 - (m * next2), 0);
                _multiplier[i] = m;
                _swapped[i] = true;
            }
        }
        _u0[n - 1] = cur0 == 0 ? tiny : cur0;
    }

    /// <summary>Overwrites x with the solution.</summary>
    public void Solve(double[] x)
    {
        var n = x.Length;
        for (var i = 0; i < n - 1; i++)
        {
            if (_swapped[i]) (x[i], x[i + 1]) = (x[i + 1], x[i]);
            x[i + 1] -= _multiplier[i] * x[i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = x[i];
            if (i + 1 < n) sum -= _u1[i] * x[i + 1];
            if (i + 2 < n) sum -= _u2[i] * x[i + 2];
            x[i] = sum / _u0[i];
        }
    }
}

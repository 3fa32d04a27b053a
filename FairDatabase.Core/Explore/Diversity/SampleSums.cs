namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// Per-sample running sums from which alpha diversity follows without keeping the counts:
/// with T = Σ c over c > 0, Shannon = ln T − Σ c ln c / T and Simpson = 1 − Σ c² / T²
/// (the same figures as <see cref="AlphaDiversity.Of"/>). Total holds the plain sum of the
/// stored values, which decides whether a sample is excluded.
/// </summary>
internal sealed class SampleSums(int capacity)
{
    public double[] Total = new double[capacity];
    private double[] _positive = new double[capacity];
    private int[] _observed = new int[capacity];
    private double[] _cLogC = new double[capacity];
    private double[] _squares = new double[capacity];

    public void Add(int row, double c)
    {
        if (row >= Total.Length) Grow(Math.Max(row + 1, Total.Length * 2));
        Total[row] += c;
        if (c <= 0) return;
        _positive[row] += c;
        _observed[row]++;
        _cLogC[row] += c * Math.Log(c);
        _squares[row] += c * c;
    }

    /// <summary>The positive total of a sample (the denominator of its relative abundances).</summary>
    public double Positive(int row) => row < _positive.Length ? _positive[row] : 0;

    public AlphaSeries Alpha(int[] rows)
    {
        var observed = new int[rows.Length];
        var shannon = new double[rows.Length];
        var simpson = new double[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            var r = rows[k];
            var t = _positive[r];
            observed[k] = _observed[r];
            if (t <= 0) continue;
            shannon[k] = Math.Max(0, Math.Log(t) - (_cLogC[r] / t));
            simpson[k] = 1 - (_squares[r] / (t * t));
        }
        return new AlphaSeries(observed, shannon, simpson);
    }

    private void Grow(int size)
    {
        Array.Resize(ref Total, size);
        Array.Resize(ref _positive, size);
        Array.Resize(ref _observed, size);
        Array.Resize(ref _cLogC, size);
        Array.Resize(ref _squares, size);
    }
}

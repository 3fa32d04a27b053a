namespace FairDatabase.Core.Explore.Diversity;

/// <summary>Within-sample diversity of one sample's feature counts.</summary>
public readonly record struct AlphaValues(int Observed, double Shannon, double Simpson);

/// <summary>
/// Observed = features with a count above 0; Shannon H = −Σ p ln p over those (natural log, as
/// vegan's and scikit-bio's defaults); Simpson = 1 − Σ p² (the Gini–Simpson index), with
/// p = count / sample total.
/// </summary>
public static class AlphaDiversity
{
    public static AlphaValues Of(ReadOnlySpan<double> counts)
    {
        double total = 0;
        var observed = 0;
        foreach (var c in counts)
        {
            if (c > 0) { total += c; observed++; }
        }
        if (total <= 0) return new AlphaValues(0, 0, 0);
        double shannon = 0, sumSquares = 0;
        foreach (var c in counts)
        {
            if (c <= 0) continue;
            var p = c / total;
            shannon -= p * Math.Log(p);
            sumSquares += p * p;
        }
        return new AlphaValues(observed, shannon, 1 - sumSquares);
    }
}

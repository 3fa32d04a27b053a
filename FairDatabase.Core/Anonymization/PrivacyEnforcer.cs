using System.Globalization;

namespace FairDatabase.Core.Anonymization;

/// <summary>The thresholds a class must meet to be kept.</summary>
/// <param name="KMin">A class is kept only when k &gt; KMin.</param>
/// <param name="LMin">… and l &gt; LMin for every sensitive attribute with a defined l.</param>
/// <param name="TMax">… and t ≤ TMax for every sensitive attribute.</param>
public sealed record PrivacyThresholds(int KMin = 1, double LMin = 0.0, double TMax = 0.5)
{
    public static PrivacyThresholds Default { get; } = new();

    internal void Validate()
    {
        if (KMin < 0)
            throw new AnonymizationValidationException($"k_min must be 0 or more (got {KMin}).");
        if (!(LMin >= 0.0 && LMin <= 1.0))
            throw new AnonymizationValidationException($"l_min must be between 0 and 1 (got {LMin.ToString(CultureInfo.InvariantCulture)}).");
        if (!(TMax >= 0.0 && TMax <= 1.0))
            throw new AnonymizationValidationException($"t_max must be between 0 and 1 (got {TMax.ToString(CultureInfo.InvariantCulture)}).");
    }
}

/// <summary>The outcome of enforcement.</summary>
/// <param name="Table">The rows kept (all columns).</param>
/// <param name="RowsRemoved">Rows of the removed classes.</param>
/// <param name="ClassesRemoved">Classes that failed a threshold.</param>
/// <param name="Thresholds">The thresholds applied.</param>
/// <param name="Before">Metrics of the input table.</param>
/// <param name="After">Metrics of the kept table, recomputed against its own distribution.</param>
public sealed record EnforcementResult(
    AnonTable Table,
    int RowsRemoved,
    int ClassesRemoved,
    PrivacyThresholds Thresholds,
    PrivacyReport Before,
    PrivacyReport After)
{
    /// <summary>Per input row, whether it was kept (a working copy narrows its kept-row mask with these).</summary>
    public bool[] KeptRowFlags { get; init; } = [];
}

/// <summary>
/// Privacy processing: removes every row of each class that fails a threshold, in one
/// pass. Removing rows changes the table's distribution, so t of the remaining classes can move;
/// the After report shows the result as it is and the step is not repeated silently.
/// Attributes with undefined l (at most one distinct value) cannot fail the l threshold.
/// </summary>
public static class PrivacyEnforcer
{
    public static EnforcementResult Enforce(
        AnonTable table,
        IReadOnlyList<string> quasiIdentifiers,
        IReadOnlyList<string> sensitiveAttributes,
        PrivacyThresholds? thresholds = null)
    {
        thresholds ??= PrivacyThresholds.Default;
        thresholds.Validate();
        var metrics = ClassMetrics.Compute(table, quasiIdentifiers, sensitiveAttributes);
        var before = PrivacyScorer.FromMetrics(metrics);

        var partition = metrics.Partition;
        var failed = new bool[partition.ClassCount];
        var classesRemoved = 0;
        for (var cls = 0; cls < failed.Length; cls++)
        {
            failed[cls] = Fails(metrics, cls, thresholds);
            if (failed[cls]) classesRemoved++;
        }

        var keep = new bool[table.RowCount];
        var classOfRow = partition.ClassOfRowArray;
        var rowsRemoved = 0;
        for (var r = 0; r < keep.Length; r++)
        {
            keep[r] = !failed[classOfRow[r]];
            if (!keep[r]) rowsRemoved++;
        }

        var kept = table.KeepRows(keep);
        var after = PrivacyScorer.Evaluate(kept, quasiIdentifiers, sensitiveAttributes);
        return new EnforcementResult(kept, rowsRemoved, classesRemoved, thresholds, before, after) { KeptRowFlags = keep };
    }

    private static bool Fails(ClassMetrics metrics, int cls, PrivacyThresholds thresholds)
    {
        if (metrics.Partition.SizeArray[cls] <= thresholds.KMin)
            return true;
        foreach (var attribute in metrics.Attributes)
        {
            if (attribute.L is { } l && l[cls] <= thresholds.LMin)
                return true;
            if (attribute.T[cls] > thresholds.TMax)
                return true;
        }
        return false;
    }
}

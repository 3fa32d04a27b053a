namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Computes the P29 privacy report (see the README, "P29 score"):
/// P29 = 0 when any class has k = 1, l = 0 for some sensitive attribute, or t &gt; 0.5 for some;
/// otherwise 0.5·(1 − 1/min k) + 0.25·mean(l) + 0.25·(1 − mean(t min-max normalised per attribute)).
/// Attributes whose l is undefined (at most one distinct value) are left out of mean(l) and of the
/// l = 0 check; their t is 0 in every class and enters mean(t) as 0. When no attribute has a defined
/// l, the l term counts as 0: there is no diversity to credit.
/// </summary>
public static class PrivacyScorer
{
    /// <summary>How many problematic classes a report lists.</summary>
    public const int ListedProblemClasses = 10;

    /// <summary>A class whose t exceeds this is a problem.</summary>
    public const double MaxAcceptableT = 0.5;

    /// <summary>Validates the columns (see <see cref="AnonymizationValidationException"/>) and measures the table.</summary>
    public static PrivacyReport Evaluate(AnonTable table, IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes) =>
        FromMetrics(ClassMetrics.Compute(table, quasiIdentifiers, sensitiveAttributes));

    internal static PrivacyReport FromMetrics(ClassMetrics metrics)
    {
        var partition = metrics.Partition;
        var classes = partition.ClassCount;
        var sizes = partition.SizeArray;

        var minK = classes == 0 ? 0 : int.MaxValue;
        foreach (var size in sizes)
            minK = Math.Min(minK, size);

        var summaries = new SensitiveAttributeSummary[metrics.Attributes.Length];
        double lSum = 0, normalizedTSum = 0;
        var lAttributes = 0;
        for (var a = 0; a < summaries.Length; a++)
        {
            var attribute = metrics.Attributes[a];
            summaries[a] = Summarize(attribute, classes, out var attributeLSum, out var attributeNormalizedTSum);
            normalizedTSum += attributeNormalizedTSum;
            if (attribute.L is not null)
            {
                lSum += attributeLSum;
                lAttributes++;
            }
        }

        var meanL = lAttributes == 0 || classes == 0 ? 0.0 : lSum / ((double)lAttributes * classes);
        var meanNormalizedT = classes == 0 ? 0.0 : normalizedTSum / ((double)summaries.Length * classes);
        double? minL = lAttributes == 0 ? null : summaries.Where(s => s.LDefined).Min(s => s.MinL!.Value);
        var maxT = summaries.Length == 0 ? 0.0 : summaries.Max(s => s.MaxT);

        var problems = ProblemFinder.Find(metrics, summaries);
        var p29 = problems.Any ? 0.0 : 0.5 * (1.0 - 1.0 / minK) + 0.25 * meanL + 0.25 * (1.0 - meanNormalizedT);

        return new PrivacyReport(
            P29: p29,
            HasProblems: problems.Any,
            MinK: minK,
            MinL: minL,
            MaxT: maxT,
            MeanL: meanL,
            MeanNormalizedT: meanNormalizedT,
            Reasons: problems.Reasons,
            Notes: ProblemFinder.Notes(summaries, lAttributes),
            ProblemClassCount: problems.ClassCount,
            ProblemClasses: problems.Listed,
            ClassCount: classes,
            RowCount: partition.RowCount,
            QuasiIdentifiers: partition.QuasiIdentifiers,
            SensitiveAttributes: Array.AsReadOnly(Array.ConvertAll(summaries, s => s.Name)),
            Attributes: Array.AsReadOnly(summaries))
        {
            ClassSizes = ClassSizeHistogram.From(sizes),
        };
    }

    private static SensitiveAttributeSummary Summarize(SensitiveClassMetrics attribute, int classes, out double lSum, out double normalizedTSum)
    {
        var t = attribute.T;
        double minT = classes == 0 ? 0 : double.MaxValue, maxT = 0, tSum = 0;
        var tAboveHalf = 0;
        foreach (var value in t)
        {
            minT = Math.Min(minT, value);
            maxT = Math.Max(maxT, value);
            tSum += value;
            if (value > MaxAcceptableT) tAboveHalf++;
        }

        // Min-max normalisation per attribute; a constant t normalises to 0.
        normalizedTSum = 0;
        if (maxT > minT)
            foreach (var value in t)
                normalizedTSum += (value - minT) / (maxT - minT);

        lSum = 0;
        double? minL = null;
        var lZero = 0;
        if (attribute.L is { } l)
        {
            var min = classes == 0 ? 0.0 : double.MaxValue;
            foreach (var value in l)
            {
                min = Math.Min(min, value);
                lSum += value;
                if (value == 0.0) lZero++;
            }
            minL = min;
        }

        return new SensitiveAttributeSummary(
            Name: attribute.Column.Name,
            DistinctValues: attribute.Column.Cardinality,
            IsNumeric: attribute.Column.IsNumeric,
            LDefined: attribute.L is not null,
            MinL: minL,
            MeanL: attribute.L is null ? null : classes == 0 ? 0.0 : lSum / classes,
            MinT: minT,
            MaxT: maxT,
            MeanT: classes == 0 ? 0.0 : tSum / classes,
            ClassesWithLZero: lZero,
            ClassesWithTAboveHalf: tAboveHalf);
    }
}

using System.Globalization;

namespace FairDatabase.Core.Anonymization;

/// <summary>Finds the problematic classes (classes with k = 1, l = 0 or t > 0.5) and words them for the researcher.</summary>
internal static class ProblemFinder
{
    internal sealed record Problems(bool Any, int ClassCount, IReadOnlyList<string> Reasons, IReadOnlyList<ProblemClass> Listed);

    public static Problems Find(ClassMetrics metrics, SensitiveAttributeSummary[] summaries)
    {
        var partition = metrics.Partition;
        if (partition.ClassCount == 0)
            return new Problems(true, 0, ["The table has no rows, so there is nothing to measure."], []);

        var sizes = partition.SizeArray;
        var singletons = 0;
        foreach (var size in sizes)
            if (size == 1) singletons++;

        var reasons = new List<string>();
        if (singletons > 0)
            reasons.Add($"{Classes(singletons)} k = 1 (a single row identifies a person).");
        foreach (var summary in summaries)
            if (summary.ClassesWithLZero > 0)
                reasons.Add($"{Classes(summary.ClassesWithLZero)} l = 0 for {summary.Name} (all rows of the class share one value, so it is disclosed).");
        foreach (var summary in summaries)
            if (summary.ClassesWithTAboveHalf > 0)
                reasons.Add($"{Classes(summary.ClassesWithTAboveHalf)} t > 0.5 for {summary.Name} (the class's distribution differs strongly from the whole table).");

        var listed = new List<ProblemClass>();
        var problemClasses = 0;
        if (reasons.Count > 0)
        {
            for (var cls = 0; cls < partition.ClassCount; cls++)
            {
                var issues = IssuesOf(metrics, cls);
                if (issues is null)
                    continue;
                problemClasses++;
                if (listed.Count < PrivacyScorer.ListedProblemClasses)
                    listed.Add(new ProblemClass(partition.Describe(cls), sizes[cls], issues.AsReadOnly()));
            }
        }
        return new Problems(reasons.Count > 0, problemClasses, reasons.AsReadOnly(), listed.AsReadOnly());
    }

    public static IReadOnlyList<string> Notes(SensitiveAttributeSummary[] summaries, int attributesWithL)
    {
        var notes = new List<string>();
        foreach (var summary in summaries)
            if (!summary.LDefined)
                notes.Add($"l is undefined for {summary.Name}: it has {summary.DistinctValues} distinct value{(summary.DistinctValues == 1 ? "" : "s")} in the table, so it is left out of l.");
        if (attributesWithL == 0)
            notes.Add("No sensitive attribute has a defined l, so the l term of P29 counts as 0.");
        return notes.AsReadOnly();
    }

    private static List<string>? IssuesOf(ClassMetrics metrics, int cls)
    {
        List<string>? issues = null;
        if (metrics.Partition.SizeArray[cls] == 1)
            (issues ??= []).Add("k = 1");
        foreach (var attribute in metrics.Attributes)
        {
            if (attribute.L is { } l && l[cls] == 0.0)
                (issues ??= []).Add($"l = 0 for {attribute.Column.Name}");
            if (attribute.T[cls] > PrivacyScorer.MaxAcceptableT)
                (issues ??= []).Add($"t = {attribute.T[cls].ToString("G6", CultureInfo.InvariantCulture)} for {attribute.Column.Name}");
        }
        return issues;
    }

    // "1 class has" / "3 classes have"
    private static string Classes(int count) => count == 1 ? "1 class has" : $"{count} classes have";
}

namespace FairDatabase.Core.Anonymization;

/// <summary>Equivalence classes whose size lies in [<paramref name="From"/>, <paramref name="To"/>], and the rows they hold.</summary>
public sealed record ClassSizeBin(int From, int To, int Classes, long Rows)
{
    public string Label => From == To ? From.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{From}–{To}";
}

/// <summary>
/// How class sizes are spread, for the P29 page's histogram: one bin per size while the largest
/// class is small, else 1, 2, 3, 4, 5 then 1-2-5 steps (6–10, 11–20, 21–50, …), so a table of
/// thousands of classes still draws as a dozen bars and singletons (k = 1) stay visible on their own.
/// </summary>
public static class ClassSizeHistogram
{
    /// <summary>Up to this largest class, every size gets its own bin.</summary>
    public const int ExactUpTo = 20;

    public static IReadOnlyList<ClassSizeBin> From(ReadOnlySpan<int> sizes)
    {
        if (sizes.IsEmpty) return [];
        var max = 0;
        foreach (var size in sizes) max = Math.Max(max, size);
        var uppers = Uppers(max);
        var classes = new int[uppers.Count];
        var rows = new long[uppers.Count];
        foreach (var size in sizes)
        {
            var bin = uppers.BinarySearch(size);
            if (bin < 0) bin = ~bin;
            classes[bin]++;
            rows[bin] += size;
        }
        var bins = new List<ClassSizeBin>(uppers.Count);
        for (var i = 0; i < uppers.Count; i++)
            bins.Add(new ClassSizeBin(i == 0 ? 1 : uppers[i - 1] + 1, uppers[i], classes[i], rows[i]));
        return bins;
    }

    private static List<int> Uppers(int max)
    {
        var uppers = new List<int>();
        if (max <= ExactUpTo)
        {
            for (var s = 1; s <= max; s++) uppers.Add(s);
            return uppers;
        }
        uppers.AddRange([1, 2, 3, 4, 5]);
        long decade = 10;
        while (uppers[^1] < max)
        {
            foreach (var step in new long[] { 1, 2, 5 })
            {
                var upper = step * decade;
                if (uppers[^1] >= max) break;
                uppers.Add((int)Math.Min(upper, int.MaxValue));
            }
            decade *= 10;
        }
        return uppers;
    }
}

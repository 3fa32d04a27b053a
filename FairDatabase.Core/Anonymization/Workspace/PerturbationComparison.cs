using System.Globalization;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>A column's distribution before and after local DP, binned alike for a bar chart.</summary>
/// <param name="Column">The perturbed column.</param>
/// <param name="Numerical">Numbers in equal-width bins; otherwise the most frequent categories and "other".</param>
/// <param name="Labels">Bin or category labels.</param>
/// <param name="Before">Rows per label before perturbation (generalized, kept rows).</param>
/// <param name="After">Rows per label as the working copy holds them now.</param>
public sealed record DistributionComparison(string Column, bool Numerical, IReadOnlyList<string> Labels, IReadOnlyList<int> Before, IReadOnlyList<int> After);

/// <summary>Shows what local DP did to one column, reading only that column.</summary>
public interface IPerturbationInspector
{
    /// <summary>Columns local DP has changed, latest application first; empty when none (null without a working copy).</summary>
    Task<IReadOnlyList<string>?> PerturbedColumnsAsync(CancellationToken ct);

    /// <summary>Null when the column was not perturbed or there is no working copy.</summary>
    Task<DistributionComparison?> CompareAsync(string column, CancellationToken ct);
}

/// <summary>
/// Reads the column once and replays the recipe on it without and with the perturbations, over the kept
/// rows. Numbers go into <see cref="NumericBins"/> equal-width bins over the range both share;
/// categories beyond the <see cref="TopCategories"/> most frequent before DP are summed as "other".
/// </summary>
public sealed class PerturbationInspector(IWorkingCopyLoader loader) : IPerturbationInspector
{
    public const int NumericBins = 20;
    public const int TopCategories = 15;

    public async Task<IReadOnlyList<string>?> PerturbedColumnsAsync(CancellationToken ct) =>
        await loader.OpenAsync(ct) is { } copy ? Perturbed(copy).Select(c => c.Name).ToList() : null;

    public async Task<DistributionComparison?> CompareAsync(string column, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (await loader.OpenAsync(ct) is not { } copy) return null;
        if (Perturbed(copy).FirstOrDefault(c => c.Name == column) is not { } perturbed || !copy.HasColumn(column)) return null;
        var (before, after) = await copy.ReadBeforeAndAfterPerturbationAsync(column, ct);
        return perturbed.Numerical ? Numbers(column, before, after) : Categories(column, before, after);
    }

    /// <summary>Each perturbed column once, as its latest perturbation treated it, latest application first.</summary>
    private static IEnumerable<PerturbedColumn> Perturbed(WorkingCopy copy) =>
        copy.State.Perturbations.Reverse().SelectMany(p => p.Columns).DistinctBy(c => c.Name).Where(c => copy.HasColumn(c.Name));

    private static DistributionComparison Numbers(string name, AnonColumn before, AnonColumn after)
    {
        var (min, max) = Range(before, Range(after, (double.PositiveInfinity, double.NegativeInfinity)));
        if (min > max) (min, max) = (0, 0);
        var width = max > min ? (max - min) / NumericBins : 1.0;
        var bins = max > min ? NumericBins : 1;
        var labels = Enumerable.Range(0, bins).Select(i => $"{Text(min + (i * width))} – {Text(min + ((i + 1) * width))}").ToList();
        return new DistributionComparison(name, true, labels, Count(before, min, width, bins), Count(after, min, width, bins));
    }

    private static (double Min, double Max) Range(AnonColumn column, (double Min, double Max) range)
    {
        foreach (var value in column.Values)
            if (Number(value) is { } v) range = (Math.Min(range.Min, v), Math.Max(range.Max, v));
        return range;
    }

    private static int[] Count(AnonColumn column, double min, double width, int bins)
    {
        var counts = new int[bins];
        var byCode = column.CountByCode();
        for (var code = 0; code < byCode.Length; code++)
            if (Number(column.Values[code]) is { } v)
                counts[Math.Clamp((int)((v - min) / width), 0, bins - 1)] += byCode[code];
        return counts;
    }

    private static DistributionComparison Categories(string name, AnonColumn before, AnonColumn after)
    {
        var beforeCounts = Tally(before);
        var afterCounts = Tally(after);
        var top = beforeCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopCategories).Select(p => p.Key).ToList();
        var labels = top.Select(v => v.Length == 0 ? "(missing)" : v).ToList();
        int Of(Dictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);
        var b = top.Select(v => Of(beforeCounts, v)).ToList();
        var a = top.Select(v => Of(afterCounts, v)).ToList();
        var shown = new HashSet<string>(top, StringComparer.Ordinal);
        if (beforeCounts.Keys.Concat(afterCounts.Keys).Any(k => !shown.Contains(k)))
        {
            labels.Add("other");
            b.Add(beforeCounts.Where(p => !shown.Contains(p.Key)).Sum(p => p.Value));
            a.Add(afterCounts.Where(p => !shown.Contains(p.Key)).Sum(p => p.Value));
        }
        return new DistributionComparison(name, false, labels, b, a);
    }

    private static Dictionary<string, int> Tally(AnonColumn column)
    {
        var byCode = column.CountByCode();
        var tally = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var code = 0; code < byCode.Length; code++)
            if (byCode[code] > 0) tally[column.Values[code]] = tally.GetValueOrDefault(column.Values[code]) + byCode[code];
        return tally;
    }

    private static double? Number(string value) =>
        !AnonColumn.IsMissing(value) && AnonColumn.TryParseNumber(value, out var v) && double.IsFinite(v) ? v : null;

    private static string Text(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}

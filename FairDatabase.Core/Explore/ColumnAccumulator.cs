using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Core.Explore;

/// <summary>
/// Collects one column's cells in one pass. Numbers are kept as doubles (one slot per row, so the
/// exact median comes from a selection over them); text that is not a number is counted per
/// distinct value, so a string is made only for each new distinct value. A column is numeric
/// when every non-missing cell is a finite number in invariant culture.
/// </summary>
internal sealed class ColumnAccumulator(string name, string originalName, int expectedRows)
{
    public const int HistogramBins = 10;
    public const int TopValues = 5;

    private double[] _numbers = new double[Math.Max(expectedRows, 4)];
    private int _numberCount;
    private long _missing;
    private Dictionary<string, long>? _texts;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    public void Add(ReadOnlySpan<byte> utf8, bool isNull)
    {
        if (isNull) { _missing++; return; }
        // One digit: most cells of a count table ("0").
        if (utf8.Length == 1 && (uint)(utf8[0] - '0') <= 9)
        {
            Keep(utf8[0] - '0');
            return;
        }
        if (MissingValues.IsMissing(utf8)) { _missing++; return; }
        if (NumericCell.TryParse(utf8, out var number))
        {
            Keep(number);
            return;
        }
        _texts ??= new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var key = chars[..length];
        lookup[key] = lookup.TryGetValue(key, out var count) ? count + 1 : 1;
    }

    private void Keep(double number)
    {
        if (_numberCount == _numbers.Length) Array.Resize(ref _numbers, _numbers.Length * 2);
        _numbers[_numberCount++] = number;
    }

    public ColumnStatistics Finish()
    {
        var total = _missing + _numberCount + (_texts?.Values.Sum() ?? 0);
        var missingShare = total == 0 ? 0 : (double)_missing / total;
        if (_texts is not null) return Categorical(missingShare);
        if (_numberCount == 0)
            return new ColumnStatistics(name, originalName, ColumnStatistics.Empty, missingShare, 0, null, null, null, null, null, []);

        var values = _numbers.AsSpan(0, _numberCount);
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        Histogram histogram;
        long distinct;
        double median;
        // Few different values (counts): figures from the value counts; otherwise from every number.
        if (ValueCounts.TryCount(values, Math.Max(64, values.Length / 8)) is { } counts)
        {
            histogram = HistogramOf(counts.Values, counts.Counts, min, max);
            distinct = counts.Values.Length;
            median = counts.Median(values.Length);
        }
        else
        {
            histogram = HistogramOf(values, [], min, max);
            distinct = NumberSummary.CountDistinct(values);
            median = NumberSummary.Median(values);
        }
        _numbers = [];
        return new ColumnStatistics(name, originalName, ColumnStatistics.Numeric, missingShare, distinct,
            min, max, sum / values.Length, median, histogram, []);
    }

    /// <summary>Some cells are text: every non-missing value counts as a category (numbers in their invariant form).</summary>
    private ColumnStatistics Categorical(double missingShare)
    {
        var counts = _texts!;
        foreach (var number in _numbers.AsSpan(0, _numberCount))
        {
            var key = number.ToString("R", CultureInfo.InvariantCulture);
            counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;
        }
        _numbers = [];
        var top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(TopValues).Select(p => new TopValue(p.Key, p.Value)).ToList();
        return new ColumnStatistics(name, originalName, ColumnStatistics.Categorical, missingShare, counts.Count,
            null, null, null, null, null, top);
    }

    /// <summary>Equal-width bins of the values, each counted once or, when counts are given, that many times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    private static Histogram HistogramOf(ReadOnlySpan<double> values, ReadOnlySpan<long> counts, double min, double max)
    {
        var total = 0L;
        if (counts.IsEmpty) total = values.Length;
        else foreach (var c in counts) total += c;
        if (min == max) return new Histogram([min, max], [total]);
        var width = (max - min) / HistogramBins;
        var edges = new double[HistogramBins + 1];
        for (var b = 0; b <= HistogramBins; b++) edges[b] = b == HistogramBins ? max : min + (b * width);
        var bins = new long[HistogramBins];
        for (var i = 0; i < values.Length; i++)
            bins[Math.Min(HistogramBins - 1, (int)((values[i] - min) / width))] += counts.IsEmpty ? 1 : counts[i];
        return new Histogram(edges, bins);
    }
}

using System.Globalization;
using System.Text;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>
/// Collects <see cref="ColumnStats"/> for many columns in one pass over their cells. Cells arrive
/// as UTF-8 bytes (a COPY stream) or strings; plain integers, the bulk of a counts table, are
/// parsed by hand, anything else by the invariant-culture double parser the engine uses.
/// </summary>
public sealed class ColumnStatsAccumulator(int columns)
{
    private readonly int[] _missing = new int[columns];
    private readonly bool[] _notNumeric = new bool[columns];
    private readonly bool[] _anyNumber = new bool[columns];
    private readonly double[] _min = Filled(columns, double.PositiveInfinity);
    private readonly double[] _max = Filled(columns, double.NegativeInfinity);

    public void Add(int column, ReadOnlySpan<byte> utf8)
    {
        if (MissingValues.IsMissing(utf8)) { _missing[column]++; return; }
        if (TryParse(utf8, out var number)) Number(column, number);
        else _notNumeric[column] = true;
    }

    public void Add(int column, string? value)
    {
        if (MissingValues.IsMissing(value)) { _missing[column]++; return; }
        if (AnonColumn.TryParseNumber(value!, out var number)) Number(column, number);
        else _notNumeric[column] = true;
    }

    /// <summary>A NULL cell (a stored dataset's empty value).</summary>
    public void AddMissing(int column) => _missing[column]++;

    public ColumnStats[] Build()
    {
        var stats = new ColumnStats[_missing.Length];
        for (var c = 0; c < stats.Length; c++)
        {
            var any = _anyNumber[c];
            stats[c] = new ColumnStats(_missing[c], any && !_notNumeric[c], any ? _min[c] : 0.0, any ? _max[c] : 0.0);
        }
        return stats;
    }

    private void Number(int column, double number)
    {
        _anyNumber[column] = true;
        if (number < _min[column]) _min[column] = number;
        if (number > _max[column]) _max[column] = number;
    }

    // Same acceptance as AnonColumn.TryParseNumber (finite invariant-culture doubles); digits alone take the quick path.
    internal static bool TryParse(ReadOnlySpan<byte> utf8, out double number)
    {
        if (utf8.Length is > 0 and <= 15)
        {
            long whole = 0;
            var digits = true;
            foreach (var b in utf8)
            {
                var d = b - (byte)'0';
                if ((uint)d > 9) { digits = false; break; }
                whole = whole * 10 + d;
            }
            if (digits) { number = whole; return true; }
        }
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return double.TryParse(chars[..count], NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    private static double[] Filled(int length, double value)
    {
        var array = new double[length];
        Array.Fill(array, value);
        return array;
    }
}

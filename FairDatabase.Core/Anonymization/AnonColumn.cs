using System.Collections.ObjectModel;
using System.Globalization;

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// One dictionary-encoded column: an int code per row and the distinct values the codes stand for.
/// Invariant kept by every constructor path: each value occurs in at least one row, so
/// <see cref="Cardinality"/> is exactly the number of distinct values present. A missing cell
/// (null or empty) is stored as the value <c>""</c>, a category of its own.
/// </summary>
public sealed class AnonColumn
{
    /// <summary>The stored form of a missing cell.</summary>
    public const string Missing = "";

    private readonly int[] _codes;
    private readonly string[] _values;
    private readonly ReadOnlyCollection<string> _valuesView;
    private int _numericState; // 0 = not computed yet, 1 = numeric, 2 = not numeric; a benign race at worst computes twice.

    internal AnonColumn(string name, int[] codes, string[] values)
    {
        Name = name;
        _codes = codes;
        _values = values;
        _valuesView = Array.AsReadOnly(values);
    }

    public string Name { get; }

    public int RowCount => _codes.Length;

    /// <summary>Number of distinct values, the missing value included when present.</summary>
    public int Cardinality => _values.Length;

    /// <summary>The distinct values; a code is an index into this list.</summary>
    public IReadOnlyList<string> Values => _valuesView;

    /// <summary>The code of every row, in row order.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>Direct access for the hot loops of the engine; never handed out to callers.</summary>
    internal int[] CodeArray => _codes;

    internal string[] ValueArray => _values;

    public int CodeAt(int row) => _codes[row];

    public string ValueAt(int row) => _values[_codes[row]];

    /// <summary>True for missing cells: empty, NA, N/A, NaN or null in any case (see <see cref="Datasets.MissingValues"/>).</summary>
    public static bool IsMissing(string? value) => Datasets.MissingValues.IsMissing(value);

    /// <summary>
    /// True when there is at least one non-missing value and every non-missing value parses as a
    /// number (invariant culture). Only the distinct values are parsed, so this is cheap.
    /// </summary>
    public bool IsNumeric
    {
        get
        {
            if (_numericState == 0)
                _numericState = ComputeIsNumeric(_values) ? 1 : 2;
            return _numericState == 1;
        }
    }

    /// <summary>Rows per code, one pass.</summary>
    public int[] CountByCode()
    {
        var counts = new int[_values.Length];
        foreach (var code in _codes)
            counts[code]++;
        return counts;
    }

    internal static bool TryParseNumber(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static bool ComputeIsNumeric(string[] values)
    {
        var any = false;
        foreach (var value in values)
        {
            if (IsMissing(value))
                continue;
            if (!TryParseNumber(value, out _))
                return false;
            any = true;
        }
        return any;
    }
}

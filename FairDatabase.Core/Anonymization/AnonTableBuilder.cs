using System.Runtime.InteropServices;

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Builds an <see cref="AnonTable"/> row by row, encoding each cell as it arrives so the strings of
/// repeated values are not kept. One dictionary lookup per cell; the code arrays grow by doubling
/// unless a capacity is given.
/// </summary>
public sealed class AnonTableBuilder
{
    private readonly string[] _header;
    private readonly Dictionary<string, int>[] _lookups;
    private readonly List<string>[] _values;
    private int[][] _codes;
    private int _rowCount;
    private bool _built;

    public AnonTableBuilder(IReadOnlyList<string> header, int expectedRows = 0)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRows);
        _header = [.. header];
        AnonTable.EnsureUniqueNames(_header);
        _lookups = new Dictionary<string, int>[_header.Length];
        _values = new List<string>[_header.Length];
        _codes = new int[_header.Length][];
        for (var c = 0; c < _header.Length; c++)
        {
            _lookups[c] = new Dictionary<string, int>(StringComparer.Ordinal);
            _values[c] = [];
            _codes[c] = new int[Math.Max(expectedRows, 16)];
        }
    }

    public int RowCount => _rowCount;

    /// <summary>Adds one row; it must have exactly one cell per header column. Null and "" are missing.</summary>
    public void AddRow(ReadOnlySpan<string?> cells)
    {
        if (_built)
            throw new InvalidOperationException("Build() was already called on this builder.");
        if (cells.Length != _header.Length)
            throw new ArgumentException($"Row {_rowCount + 1} has {cells.Length} cells; the header has {_header.Length} columns.", nameof(cells));
        if (_codes.Length > 0 && _rowCount == _codes[0].Length)
            Grow();
        for (var c = 0; c < cells.Length; c++)
            _codes[c][_rowCount] = Encode(c, cells[c] ?? AnonColumn.Missing);
        _rowCount++;
    }

    /// <summary>Finishes the table; the builder cannot be used afterwards.</summary>
    public AnonTable Build()
    {
        if (_built)
            throw new InvalidOperationException("Build() was already called on this builder.");
        _built = true;
        var columns = new AnonColumn[_header.Length];
        for (var c = 0; c < _header.Length; c++)
        {
            var codes = _codes[c].Length == _rowCount ? _codes[c] : _codes[c][.._rowCount];
            columns[c] = new AnonColumn(_header[c], codes, [.. _values[c]]);
        }
        return new AnonTable(columns, _rowCount);
    }

    // One hash lookup per cell: the slot is found once and filled only for a new value.
    private int Encode(int column, string value)
    {
        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookups[column], value, out var exists);
        if (!exists)
        {
            code = _values[column].Count;
            _values[column].Add(value);
        }
        return code;
    }

    private void Grow()
    {
        for (var c = 0; c < _codes.Length; c++)
            Array.Resize(ref _codes[c], _codes[c].Length * 2);
    }
}

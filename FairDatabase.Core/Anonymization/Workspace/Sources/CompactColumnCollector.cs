using System.Buffers.Binary;
using System.Text;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>
/// Keeps, during the start scan of one chunk table, the cells of every column that has at most
/// <see cref="MaxDistinct"/> distinct values (a byte per cell): the columns that become
/// quasi-identifiers and sensitive attributes (age, sex, site, a generalized code) are such
/// columns, while a counts column leaves after a few thousand rows. Later steps read these from
/// the workspace instead of scanning the wide rows again. Memory is bounded: when the candidates
/// would hold more than the budget, the last ones in column order are given up (metadata columns
/// usually come first). NULL and the empty value are the same missing value, as when reading.
/// </summary>
public sealed class CompactColumnCollector
{
    public const int MaxDistinct = 256;

    private readonly Candidate?[] _candidates;
    private readonly long _budgetBytes;
    private int _live;
    private int _rows;

    public CompactColumnCollector(int columns, long budgetBytes)
    {
        _candidates = new Candidate?[columns];
        for (var c = 0; c < columns; c++) _candidates[c] = new Candidate();
        _live = columns;
        _budgetBytes = budgetBytes;
    }

    public int Rows => _rows;

    /// <summary>False once no column is a candidate any more: the scan need not call <see cref="Add"/> at all.</summary>
    public bool Collecting => _live > 0;

    /// <summary>True while the column is still kept (the scan's hot loop checks this before <see cref="Add"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsCandidate(int column) => _candidates[column] is not null;

    public void Add(int column, ReadOnlySpan<byte> utf8)
    {
        if (_candidates[column] is { } candidate && !candidate.Add(utf8, _rows)) { _candidates[column] = null; _live--; }
    }

    public void AddMissing(int column) => Add(column, []);

    /// <summary>Ends a row; every 1,024 rows the candidates are trimmed to the budget.</summary>
    public void EndRow()
    {
        _rows++;
        if ((_rows & 1023) != 0 || (long)_live * _rows <= _budgetBytes) return;
        for (var c = _candidates.Length - 1; c >= 0 && (long)_live * _rows > _budgetBytes; c--)
            if (_candidates[c] is not null) { _candidates[c] = null; _live--; }
    }

    /// <summary>The kept columns (index within the chunk, column) after the last row.</summary>
    public IEnumerable<(int Index, AnonColumn Column)> Kept(IReadOnlyList<string> names)
    {
        for (var c = 0; c < _candidates.Length; c++)
            if (_candidates[c] is { } candidate)
                yield return (c, candidate.ToColumn(names[c], _rows));
    }

    private sealed class Candidate
    {
        // Values of up to 7 bytes are looked up by their bytes packed into a number, in a small
        // open-addressing table (a counts column passes a couple of thousand rows through here
        // before it has too many values), and become strings only if the column is kept.
        private const int Slots = 512;
        private readonly ulong[] _slotKeys = new ulong[Slots];
        private readonly ushort[] _slotCodes = new ushort[Slots]; // code + 1; 0 = empty slot
        private Dictionary<string, byte>? _long;
        private readonly List<ulong> _packed = [];
        private readonly List<string?> _text = [];
        private byte[] _codes = new byte[1024];

        public bool Add(ReadOnlySpan<byte> utf8, int row)
        {
            byte code;
            if (utf8.Length <= 7)
            {
                var key = (ulong)utf8.Length << 56;
                for (var i = 0; i < utf8.Length; i++) key |= (ulong)utf8[i] << (8 * i);
                var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> 55);
                while (_slotCodes[slot] != 0 && _slotKeys[slot] != key) slot = (slot + 1) & (Slots - 1);
                if (_slotCodes[slot] != 0) code = (byte)(_slotCodes[slot] - 1);
                else
                {
                    if (!TryNew(key, null, out code)) return false;
                    _slotKeys[slot] = key;
                    _slotCodes[slot] = (ushort)(code + 1);
                }
            }
            else
            {
                var text = Encoding.UTF8.GetString(utf8);
                _long ??= new Dictionary<string, byte>(StringComparer.Ordinal);
                if (!_long.TryGetValue(text, out code))
                {
                    if (!TryNew(0, text, out code)) return false;
                    _long[text] = code;
                }
            }
            if (row == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
            _codes[row] = code;
            return true;
        }

        private bool TryNew(ulong packed, string? text, out byte code)
        {
            code = 0;
            if (_text.Count == MaxDistinct) return false;
            code = (byte)_text.Count;
            _packed.Add(packed);
            _text.Add(text);
            return true;
        }

        public AnonColumn ToColumn(string name, int rows)
        {
            var codes = new int[rows];
            for (var r = 0; r < rows; r++) codes[r] = _codes[r];
            var values = new string[_text.Count];
            Span<byte> bytes = stackalloc byte[8];
            for (var v = 0; v < values.Length; v++)
            {
                if (_text[v] is { } text) { values[v] = text; continue; }
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, _packed[v]);
                values[v] = Encoding.UTF8.GetString(bytes[..bytes[7]]);
            }
            return new AnonColumn(name, codes, values);
        }
    }
}

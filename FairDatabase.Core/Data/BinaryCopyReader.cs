using System.Runtime.CompilerServices;
using System.Buffers.Binary;

namespace FairDatabase.Core.Data;

/// <summary>
/// Reads PostgreSQL's binary COPY format straight from the raw stream: a signature and header,
/// then per row a 16-bit field count and per field a 32-bit length (−1 = NULL) and its bytes.
/// Fields are handed out as spans over an internal buffer, so a scan of millions of cells
/// allocates nothing per cell. Two ways to walk it: a field at a time
/// (<see cref="StartRowAsync"/>, <see cref="TryNextField"/>, <see cref="NextFieldAsync"/>), or a
/// row at a time (<see cref="NextRowAsync"/> buffers the whole row, then <see cref="NextField"/>
/// takes its fields without awaiting). The buffer grows when one field or row does not fit.
/// </summary>
public sealed class BinaryCopyReader(Stream stream)
{
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private byte[] _buffer = new byte[1 << 18];
    private int _start;
    private int _end;
    private bool _headerRead;
    private int _fieldsLeft;

    /// <summary>Starts the next row; false at the end of the data. Returns the row's field count.</summary>
    public async ValueTask<int> StartRowAsync(CancellationToken ct)
    {
        if (!_headerRead) await ReadHeaderAsync(ct);
        await EnsureAsync(2, ct);
        var fields = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_start));
        _start += 2;
        return fields;
    }

    /// <summary>Moves to the next row and buffers all of it; false at the end of the data.</summary>
    public async ValueTask<bool> NextRowAsync(CancellationToken ct)
    {
        if (_fieldsLeft > 0) throw new InvalidOperationException("The previous row still has fields to read.");
        var fields = await StartRowAsync(ct);
        if (fields < 0) return false;
        // Walk the field lengths, reading more whenever the walk passes what is buffered.
        var rowBytes = 0;
        for (var f = 0; f < fields; f++)
        {
            if (_end - _start < rowBytes + 4) await EnsureAsync(rowBytes + 4, ct);
            var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + rowBytes));
            rowBytes += 4 + Math.Max(0, length);
        }
        if (_end - _start < rowBytes) await EnsureAsync(rowBytes, ct);
        _fieldsLeft = fields;
        return true;
    }

    /// <summary>The next field of the row <see cref="NextRowAsync"/> buffered, made available as <see cref="Field"/>; returns its length, −1 for NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    public int NextField()
    {
        if (_fieldsLeft <= 0) throw new InvalidDataException("The row has fewer fields than expected.");
        _fieldsLeft--;
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        _start += 4;
        _fieldStart = _start;
        _fieldLength = Math.Max(0, length);
        _start += _fieldLength;
        return length;
    }

    /// <summary>Makes the next field available to <see cref="Field"/>; false when it is NULL.</summary>
    public async ValueTask<bool> NextFieldAsync(CancellationToken ct)
    {
        await EnsureAsync(4, ct);
        _fieldLength = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        _start += 4;
        if (_fieldLength < 0) { _fieldStart = _start; _fieldLength = 0; return false; }
        await EnsureAsync(_fieldLength, ct);
        _fieldStart = _start;
        _start += _fieldLength;
        return true;
    }

    private int _fieldStart;
    private int _fieldLength;

    /// <summary>
    /// The next field without awaiting, when its bytes are already buffered (nearly always): true
    /// with <paramref name="notNull"/> set, or false when <see cref="NextFieldAsync"/> must read more.
    /// </summary>
    public bool TryNextField(out bool notNull)
    {
        notNull = false;
        if (_end - _start < 4) return false;
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        if (length >= 0 && _end - _start - 4 < length) return false;
        _start += 4;
        _fieldStart = _start;
        _fieldLength = Math.Max(length, 0);
        _start += _fieldLength;
        notNull = length >= 0;
        return true;
    }

    /// <summary>The bytes of the field read last (valid until the next call).</summary>
    public ReadOnlySpan<byte> Field => _buffer.AsSpan(_fieldStart, _fieldLength);

    // Shared strings for one ASCII character and for two digits: a counts table is mostly such
    // values, which then cost no allocation.
    private static readonly string[] SingleAscii = [.. Enumerable.Range(0, 128).Select(c => ((char)c).ToString())];
    private static readonly string[] TwoDigits = [.. Enumerable.Range(0, 100).Select(n => n.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The field read last as a string.</summary>
    public string FieldString()
    {
        var field = Field;
        if (field.Length == 1 && field[0] < 128) return SingleAscii[field[0]];
        if (field.Length == 2 && (uint)(field[0] - '0') <= 9 && (uint)(field[1] - '0') <= 9)
            return TwoDigits[(field[0] - '0') * 10 + field[1] - '0'];
        return System.Text.Encoding.UTF8.GetString(field);
    }

    /// <summary>A 4-byte integer field (rowid), read as the next field.</summary>
    public async ValueTask<int> ReadInt32Async(CancellationToken ct)
    {
        if (!await NextFieldAsync(ct) || _fieldLength != 4) throw new InvalidDataException("Expected a non-null int4 field.");
        return BinaryPrimitives.ReadInt32BigEndian(Field);
    }

    private async ValueTask ReadHeaderAsync(CancellationToken ct)
    {
        await EnsureAsync(Signature.Length + 8, ct);
        if (!_buffer.AsSpan(_start, Signature.Length).SequenceEqual(Signature))
            throw new InvalidDataException("Not a binary COPY stream.");
        var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + Signature.Length + 4));
        _start += Signature.Length + 8;
        await EnsureAsync(extension, ct);
        _start += extension;
        _headerRead = true;
    }

    // Makes at least `count` unread bytes available from _start, moving the remainder to the front.
    private async ValueTask EnsureAsync(int count, CancellationToken ct)
    {
        if (_end - _start >= count) return;
        if (count > _buffer.Length)
        {
            var bigger = new byte[Math.Max(count, _buffer.Length * 2)];
            _buffer.AsSpan(_start, _end - _start).CopyTo(bigger);
            _buffer = bigger;
        }
        else
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
        while (_end < count)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (read == 0) throw new EndOfStreamException("The COPY stream ended inside a row.");
            _end += read;
        }
    }
}

using System.Buffers.Binary;

namespace FairDatabase.Core.Explore;

/// <summary>
/// Reads PostgreSQL's binary COPY format from a raw stream, handing out each field as a span over
/// its own buffer, so a pass over millions of cells allocates no string per cell. The buffer grows
/// only when one field is longer than it.
/// </summary>
internal sealed class BinaryCopyReader(Stream stream)
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _headerRead;

    /// <summary>Moves to the next row; false at the end of the data.</summary>
    public async ValueTask<bool> NextRowAsync(CancellationToken ct)
    {
        if (!_headerRead)
        {
            await EnsureAsync(19, ct);
            if (!_buffer.AsSpan(_start, Signature.Length).SequenceEqual(Signature))
                throw new InvalidDataException("Not a binary COPY stream.");
            var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 15));
            _start += 19;
            await EnsureAsync(extension, ct);
            _start += extension;
            _headerRead = true;
        }
        await EnsureAsync(2, ct);
        var fields = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_start));
        _start += 2;
        return fields >= 0;
    }

    /// <summary>Makes the next field's bytes available; returns its length, −1 for NULL. Read it with <see cref="Field"/>.</summary>
    public async ValueTask<int> NextFieldAsync(CancellationToken ct)
    {
        await EnsureAsync(4, ct);
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        _start += 4;
        if (length > 0) await EnsureAsync(length, ct);
        _fieldStart = _start;
        _fieldLength = Math.Max(0, length);
        _start += _fieldLength;
        return length;
    }

    private int _fieldStart, _fieldLength;

    /// <summary>The bytes of the field last made available (valid until the next call).</summary>
    public ReadOnlySpan<byte> Field => _buffer.AsSpan(_fieldStart, _fieldLength);

    private async ValueTask EnsureAsync(int count, CancellationToken ct)
    {
        if (_end - _start >= count) return;
        if (count > _buffer.Length)
        {
            var bigger = new byte[Math.Max(count, _buffer.Length * 2)];
            Array.Copy(_buffer, _start, bigger, 0, _end - _start);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
        }
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

using System.Buffers.Binary;

namespace FairDatabase.Core.Explore;

/// <summary>
/// Reads PostgreSQL's binary COPY format from a raw stream a row at a time: <see cref="NextRowAsync"/>
/// buffers the whole row, then its fields are taken with <see cref="NextField"/> without awaiting,
/// each as a span over the reader's buffer. A pass over millions of cells so costs one await per
/// row and no allocation per cell; the buffer grows only when one row is longer than it.
/// </summary>
internal sealed class BinaryCopyReader(Stream stream)
{
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
    private byte[] _buffer = new byte[1 << 18];
    private int _start, _end;
    private bool _headerRead;
    private int _fieldsLeft;
    private int _fieldStart, _fieldLength;

    /// <summary>Moves to the next row and buffers all of it; false at the end of the data.</summary>
    public async ValueTask<bool> NextRowAsync(CancellationToken ct)
    {
        if (!_headerRead) await ReadHeaderAsync(ct);
        if (_fieldsLeft > 0) throw new InvalidOperationException("The previous row still has fields to read.");
        await EnsureAsync(2, ct);
        var fields = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_start));
        _start += 2;
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

    /// <summary>The row's next field, made available as <see cref="Field"/>; returns its length, −1 for NULL.</summary>
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

    /// <summary>The bytes of the field last taken (valid until the next row is read).</summary>
    public ReadOnlySpan<byte> Field => _buffer.AsSpan(_fieldStart, _fieldLength);

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

    // Makes at least `count` unread bytes available from _start, moving the unread rest to the front.
    private async ValueTask EnsureAsync(int count, CancellationToken ct)
    {
        if (_end - _start >= count) return;
        if (count > _buffer.Length)
        {
            var bigger = new byte[Math.Max(count, _buffer.Length * 2)];
            _buffer.AsSpan(_start, _end - _start).CopyTo(bigger);
            _buffer = bigger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
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

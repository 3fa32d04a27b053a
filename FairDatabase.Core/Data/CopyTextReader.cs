using System.Buffers;
using System.Runtime.CompilerServices;
using Npgsql;

namespace FairDatabase.Core.Data;

/// <summary>
/// Reads the rows of a query through PostgreSQL's text COPY format, straight from the raw byte
/// stream: a row per line, fields split by tabs, <c>\N</c> for NULL, and backslash escapes for
/// tab, newline, carriage return, backslash and the other control characters. Fields are handed
/// out as spans over an internal buffer (a row at a time: <see cref="NextRowAsync"/> buffers the
/// whole row, then <see cref="NextField"/> takes its fields without awaiting), so a scan of
/// millions of cells allocates nothing per cell. Text rather than binary COPY because the server
/// sends a text column's cells about a third cheaper that way, and more so the wider the row: see
/// docs/architecture.md, "Decisions and their measurements".
/// </summary>
public sealed class CopyTextReader : IAsyncDisposable
{
    private readonly TextReader _owner;
    private readonly Stream _stream;
    // Rented: a download opens a reader per block of rows, and fresh large buffers would pile up until a full collection.
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private byte[] _scratch = new byte[256];
    private int _start;
    private int _end;
    private int _rowEnd = -1;
    private int _position;
    private byte[] _fieldSource = [];
    private int _fieldStart;
    private int _fieldLength;

    private CopyTextReader(TextReader owner, Stream stream) => (_owner, _stream) = (owner, stream);

    /// <summary>Starts <c>COPY (<paramref name="select"/>) TO STDOUT</c> on the connection.</summary>
    public static async Task<CopyTextReader> OpenAsync(NpgsqlConnection connection, string select, CancellationToken ct)
    {
        var text = await connection.BeginTextExportAsync($"COPY ({select}) TO STDOUT", ct);
        // Npgsql's text reader decodes characters from the raw COPY stream; the bytes are read here instead.
        var stream = (text as StreamReader)?.BaseStream ?? throw new InvalidOperationException("Npgsql's text export no longer wraps the COPY stream.");
        return new CopyTextReader(text, stream);
    }

    /// <summary>Moves to the next row and buffers all of it; false at the end of the data.</summary>
    public async ValueTask<bool> NextRowAsync(CancellationToken ct)
    {
        if (_rowEnd >= 0) _start = _rowEnd + 1;
        var searched = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searched, _end - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _rowEnd = searched + newline;
                _position = _start;
                return true;
            }
            searched = _end - _start; // where the search goes on once the row is moved to the front
            if (!await FillAsync(ct))
            {
                if (_end > _start) throw new InvalidDataException("The COPY stream ended inside a row.");
                _rowEnd = -1;
                return false;
            }
        }
    }

    /// <summary>The next field of the buffered row, made available as <see cref="Field"/>; returns its length, −1 for NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    public int NextField()
    {
        var position = _position;
        if (position > _rowEnd) throw new InvalidDataException("The row has fewer fields than expected.");
        var buffer = _buffer;
        var end = position;
        var escaped = false;
        while (end < _rowEnd)
        {
            var b = buffer[end];
            if (b == (byte)'\t') break;
            if (b == (byte)'\\')
            {
                escaped = true;
                end++; // the escaped byte is never a delimiter
            }
            end++;
        }
        _position = end + 1;
        if (!escaped)
        {
            (_fieldSource, _fieldStart, _fieldLength) = (buffer, position, end - position);
            return end - position;
        }
        var raw = buffer.AsSpan(position, end - position);
        if (raw.Length == 2 && raw[1] == (byte)'N')
        {
            _fieldLength = 0;
            return -1;
        }
        return Unescape(raw);
    }

    /// <summary>The bytes of the field read last (valid until the next call).</summary>
    public ReadOnlySpan<byte> Field => _fieldSource.AsSpan(_fieldStart, _fieldLength);

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
            return TwoDigits[((field[0] - '0') * 10) + field[1] - '0'];
        return System.Text.Encoding.UTF8.GetString(field);
    }

    /// <summary>The next field as a non-negative integer (a row id).</summary>
    public int NextInt32()
    {
        if (NextField() < 0) throw new InvalidDataException("Expected a number, found NULL.");
        var value = 0;
        foreach (var b in Field)
        {
            if ((uint)(b - '0') > 9) throw new InvalidDataException("Expected a non-negative integer.");
            value = checked((value * 10) + (b - '0'));
        }
        return value;
    }

    private int Unescape(ReadOnlySpan<byte> raw)
    {
        if (_scratch.Length < raw.Length) _scratch = new byte[Math.Max(raw.Length, _scratch.Length * 2)];
        var length = CopyTextEscapes.Unescape(raw, _scratch);
        (_fieldSource, _fieldStart, _fieldLength) = (_scratch, 0, length);
        return length;
    }

    // Moves the unread bytes to the front, grows the buffer when they fill it, and reads more; false at the end.
    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, unread).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        _start = 0;
        _end = unread;
        _rowEnd = -1;
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        return read > 0;
    }

    public ValueTask DisposeAsync()
    {
        _owner.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        return ValueTask.CompletedTask;
    }
}

using System.Buffers;
using System.Buffers.Binary;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// Builds PostgreSQL's binary COPY format (https://www.postgresql.org/docs/15/sql-copy.html,
/// "Binary Format") in a pooled buffer that is handed to Npgsql's raw COPY stream in large
/// pieces. Writing the format straight from the parser's UTF-8 spans avoids a string and an
/// encoder call per field, which dominated client CPU with NpgsqlBinaryImporter (DESIGN §9).
/// </summary>
internal sealed class PgBinaryCopyBuffer : IDisposable
{
    // "PGCOPY\n\377\r\n\0", flags (int32 0), header extension length (int32 0).
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private byte[] _buffer;

    public PgBinaryCopyBuffer(int initialSize) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void WriteHeader() => Header.CopyTo(Take(Header.Length));

    /// <summary>The end-of-data marker: a field count of -1.</summary>
    public void WriteTrailer() => BinaryPrimitives.WriteInt16BigEndian(Take(2), -1);

    public void BeginRow(short fieldCount) => BinaryPrimitives.WriteInt16BigEndian(Take(2), fieldCount);

    /// <summary>A text field from UTF-8 bytes; an empty value is stored as NULL, as CSV COPY does.</summary>
    public void WriteText(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);
            return;
        }
        var span = Take(4 + utf8.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, utf8.Length);
        utf8.CopyTo(span[4..]);
    }

    /// <summary>Room for a field of <paramref name="length"/> bytes, its length prefix already written.</summary>
    public Span<byte> TakeField(int length)
    {
        var span = Take(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return span[4..];
    }

    /// <summary>A uuid field: 16 bytes in network byte order (RFC 4122 order, as PostgreSQL sends it).</summary>
    public static byte[] UuidField(Guid value)
    {
        var field = new byte[20];
        BinaryPrimitives.WriteInt32BigEndian(field, 16);
        value.TryWriteBytes(field.AsSpan(4), bigEndian: true, out _);
        return field;
    }

    /// <summary>Bytes already in field form (length prefix included), such as <see cref="UuidField"/>.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    private Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length) Grow(Length + count);
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}

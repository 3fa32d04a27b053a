using System.Buffers.Binary;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// PostgreSQL's binary COPY format, written straight into a <see cref="CopyBuffer"/>: a
/// signature, then per row a 16-bit field count and per field a 32-bit length (-1 for NULL)
/// followed by the value's bytes. Text values travel as their UTF-8 bytes, so what the parser
/// decided is exactly what PostgreSQL stores.
/// </summary>
internal static class BinaryCopyFormat
{
    // "PGCOPY\n\377\r\n\0", then 32-bit flags and header-extension length, both 0.
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static void WriteHeader(CopyBuffer buffer) => buffer.Write(Header);

    /// <summary>The end-of-data marker: a field count of -1.</summary>
    public static void WriteTrailer(CopyBuffer buffer) => BinaryPrimitives.WriteInt16BigEndian(buffer.Take(2), -1);

    public static void StartRow(CopyBuffer buffer, int fields) => BinaryPrimitives.WriteInt16BigEndian(buffer.Take(2), checked((short)fields));

    public static void WriteInt32(CopyBuffer buffer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.Take(4), 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.Take(4), value);
    }

    public static void WriteUuid(CopyBuffer buffer, Guid value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.Take(4), 16);
        value.TryWriteBytes(buffer.Take(16), bigEndian: true, out _);
    }

    /// <summary>A text value; an empty one is stored as NULL (as an unquoted empty CSV field always was).</summary>
    public static void WriteText(CopyBuffer buffer, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer.Take(4), -1);
            return;
        }
        BinaryPrimitives.WriteInt32BigEndian(buffer.Take(4), utf8.Length);
        buffer.Write(utf8);
    }

    /// <summary>Room for a text value of exactly <paramref name="length"/> bytes that the caller fills in.</summary>
    public static Span<byte> TakeText(CopyBuffer buffer, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.Take(4), length);
        return buffer.Take(length);
    }
}

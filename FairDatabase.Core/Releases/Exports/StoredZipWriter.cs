using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// Writes a ZIP of stored (uncompressed) entries straight to a stream, with asynchronous writes
/// only and nothing buffered but one entry header at a time. Stored entries make the archive's
/// size a sum of its entries' sizes (<see cref="SizeOf"/>), so the metadata and Content-Length
/// can state it before the first byte is sent. An entry whose CRC-32 is only known once it has
/// passed (data.csv) is followed by a data descriptor. No ZIP64: entries and the whole archive
/// must stay under 4 GiB.
/// </summary>
internal sealed class StoredZipWriter(Stream output, DateTimeOffset modified)
{
    private const int LocalHeader = 30, CentralHeader = 46, EndRecord = 22, DataDescriptor = 16;
    private const ushort Version = 20, StreamedFlag = 0x0008, Utf8Flag = 0x0800;

    private readonly List<(byte[] Name, uint Crc, uint Size, uint Offset, ushort Flags)> _entries = [];
    private readonly (ushort Time, ushort Date) _dos = DosTime(modified.UtcDateTime);
    private long _offset;

    /// <summary>The archive's exact length for entries of these names and sizes.</summary>
    public static long SizeOf(IEnumerable<(string Name, long Bytes, bool Streamed)> entries)
    {
        long total = EndRecord;
        foreach (var (name, bytes, streamed) in entries)
            total += LocalHeader + CentralHeader + 2L * Encoding.UTF8.GetByteCount(name) + bytes + (streamed ? DataDescriptor : 0);
        return total;
    }

    public async Task AddAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var crc = Crc32.HashToUInt32(content.Span);
        await BeginEntryAsync(name, crc, Checked(content.Length), 0, ct);
        await WriteAsync(content, ct);
    }

    /// <summary>An entry of known length whose bytes <paramref name="write"/> produces; its CRC-32 is taken on the way.</summary>
    public async Task AddStreamedAsync(string name, long length, Func<Stream, Task> write, CancellationToken ct)
    {
        var size = Checked(length);
        var index = _entries.Count;
        await BeginEntryAsync(name, 0, 0, StreamedFlag, ct);
        var counter = new Crc32CountingStream(output);
        await write(counter);
        if (counter.Count != length)
            throw new InvalidDataException($"{name} had {counter.Count} bytes where {length} were recorded.");
        _offset += length;
        var crc = counter.Crc;
        _entries[index] = _entries[index] with { Crc = crc, Size = size };
        var descriptor = new byte[DataDescriptor];
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(4), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(8), size);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(12), size);
        await WriteAsync(descriptor, ct);
    }

    /// <summary>Writes the central directory and the end record.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        var start = Checked(_offset);
        using var directory = new MemoryStream();
        foreach (var e in _entries)
        {
            var header = new byte[CentralHeader];
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
            FillCommon(header.AsSpan(6), e.Flags, e.Crc, e.Size, e.Name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), e.Offset);
            directory.Write(header);
            directory.Write(e.Name);
        }
        var end = new byte[EndRecord];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)_entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), Checked(directory.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), start);
        directory.Write(end);
        await WriteAsync(directory.GetBuffer().AsMemory(0, (int)directory.Length), ct);
        await output.FlushAsync(ct);
    }

    private async Task BeginEntryAsync(string name, uint crc, uint size, ushort flags, CancellationToken ct)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        flags |= Utf8Flag;
        _entries.Add((nameBytes, crc, size, Checked(_offset), flags));
        var header = new byte[LocalHeader + nameBytes.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        FillCommon(header.AsSpan(4), flags, crc, size, nameBytes.Length);
        nameBytes.CopyTo(header, LocalHeader);
        await WriteAsync(header, ct);
    }

    /// <summary>The fields local and central headers share, from "version needed" to "extra length".</summary>
    private void FillCommon(Span<byte> at, ushort flags, uint crc, uint size, int nameLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, Version);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(at[4..], 0); // stored
        BinaryPrimitives.WriteUInt16LittleEndian(at[6..], _dos.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(at[8..], _dos.Date);
        BinaryPrimitives.WriteUInt32LittleEndian(at[10..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(at[14..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(at[18..], size);
        BinaryPrimitives.WriteUInt16LittleEndian(at[22..], (ushort)nameLength);
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await output.WriteAsync(bytes, ct);
        _offset += bytes.Length;
    }

    private static uint Checked(long value) => value is >= 0 and < uint.MaxValue
        ? (uint)value
        : throw new InvalidOperationException("The release ZIP would pass 4 GiB, which needs ZIP64.");

    private static (ushort, ushort) DosTime(DateTime t)
    {
        if (t.Year < 1980) t = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return ((ushort)((t.Hour << 11) | (t.Minute << 5) | (t.Second / 2)), (ushort)(((t.Year - 1980) << 9) | (t.Month << 5) | t.Day));
    }
}

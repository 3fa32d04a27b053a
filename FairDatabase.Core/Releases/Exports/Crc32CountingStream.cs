using System.IO.Hashing;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>Passes writes on to <paramref name="inner"/>, counting the bytes and taking their CRC-32.</summary>
internal sealed class Crc32CountingStream(Stream inner) : Stream
{
    private readonly Crc32 _crc = new();

    public long Count { get; private set; }

    public uint Crc => _crc.GetCurrentHashAsUInt32();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Take(buffer);
        inner.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Take(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Nothing held here; the inner stream is flushed when the archive is finished.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Take(ReadOnlySpan<byte> bytes)
    {
        _crc.Append(bytes);
        Count += bytes.Length;
    }
}

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// The request body, counted as it arrives: reading past <see cref="Limit"/> bytes throws
/// <see cref="RequestBodyTooLargeException"/>. Unlike a Content-Length check this also bounds
/// chunked bodies, and unlike Kestrel's own limit it works the same under every server.
/// </summary>
internal sealed class BoundedRequestStream(Stream inner, long limit) : Stream
{
    private long _read;

    public long Limit { get; } = limit;

    /// <summary>Set once the limit was passed, so later stages can tell why reading failed.</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        if (Exceeded) throw RequestBodyTooLargeException.Body(Limit);
        _read += read;
        if (_read > Limit)
        {
            Exceeded = true;
            throw RequestBodyTooLargeException.Body(Limit);
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

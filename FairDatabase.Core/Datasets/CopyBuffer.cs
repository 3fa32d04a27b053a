using System.Buffers;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// A pooled, growable byte buffer that COPY data is assembled in and handed to Npgsql in large
/// pieces, so the per-write cost of the COPY stream is paid once per megabyte, not per row.
/// </summary>
internal sealed class CopyBuffer : IDisposable
{
    private byte[] _buffer;

    public CopyBuffer(int initialSize) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void Write(byte value) => Take(1)[0] = value;

    /// <summary>Room for <paramref name="count"/> bytes that the caller fills in.</summary>
    public Span<byte> Take(int count)
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

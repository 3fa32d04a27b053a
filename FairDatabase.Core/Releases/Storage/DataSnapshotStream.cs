using System.IO.Compression;
using System.Security.Cryptography;

namespace FairDatabase.Core.Releases.Storage;

/// <summary>
/// A write-only stream that takes data.csv as it is produced: counts its bytes, hashes it
/// (SHA-256) and stores it as independent raw-deflate chunks of <see cref="PlainChunkBytes"/>
/// each in a temporary file, so memory holds one chunk whatever the size. Disposing it (the CSV
/// writer does) only finishes the last chunk; the chunks stay readable until <see cref="Release"/>.
/// </summary>
public sealed class DataSnapshotStream : Stream
{
    public const int PlainChunkBytes = 1 << 20;

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly FileStream _file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    private readonly List<(long Offset, int Length)> _chunks = [];
    private readonly byte[] _pending = new byte[PlainChunkBytes];
    private int _pendingBytes;
    private bool _finished;
    private string? _sha256;

    public long Bytes { get; private set; }

    public int ChunkCount => _chunks.Count;

    /// <summary>Lower-case hex SHA-256 of everything written; available once writing has finished.</summary>
    public string Sha256 => _sha256 ?? throw new InvalidOperationException("The snapshot is still being written.");

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_finished) throw new InvalidOperationException("The snapshot is already finished.");
        _sha.AppendData(buffer);
        Bytes += buffer.Length;
        while (buffer.Length > 0)
        {
            var take = Math.Min(buffer.Length, PlainChunkBytes - _pendingBytes);
            buffer[..take].CopyTo(_pending.AsSpan(_pendingBytes));
            _pendingBytes += take;
            buffer = buffer[take..];
            if (_pendingBytes == PlainChunkBytes) Seal();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Ends the data: seals the last chunk and fixes the hash.</summary>
    public void Finish()
    {
        if (_finished) return;
        if (_pendingBytes > 0) Seal();
        _finished = true;
        _sha256 = Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    /// <summary>Chunk <paramref name="index"/>'s deflated bytes.</summary>
    public async Task<byte[]> ReadChunkAsync(int index, CancellationToken ct)
    {
        var (offset, length) = _chunks[index];
        var bytes = new byte[length];
        _file.Position = offset;
        await _file.ReadExactlyAsync(bytes, ct);
        return bytes;
    }

    /// <summary>Deletes the temporary file.</summary>
    public void Release()
    {
        _file.Dispose();
        _sha.Dispose();
    }

    private void Seal()
    {
        var offset = _file.Length;
        _file.Position = offset;
        using (var deflate = new DeflateStream(_file, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(_pending, 0, _pendingBytes);
        _chunks.Add((offset, checked((int)(_file.Length - offset))));
        _pendingBytes = 0;
    }

    protected override void Dispose(bool disposing)
    {
        // The temporary file lives on until Release(): the chunks are read after the writer closed this stream.
        if (disposing) Finish();
        base.Dispose(disposing);
    }

    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Length => Bytes;
    public override long Position { get => Bytes; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

using System.Buffers;
using System.IO.Pipelines;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The uploaded file, readable twice (check, then load) with memory bounded whatever its size.
/// A seekable body (ASP.NET Core has already buffered a form file to disk) is read in place; any
/// other body is copied to a temporary file, deleted on dispose (and by the OS on close).
/// </summary>
internal sealed class StagedUpload : IAsyncDisposable
{
    private readonly string? _path;
    private readonly long _start;

    private StagedUpload(Stream stream, long start, string? path)
    {
        Stream = stream;
        _start = start;
        _path = path;
    }

    public Stream Stream { get; }

    public long Length => Stream.Length - _start;

    /// <summary>Back to the first byte of the upload, for the next pass.</summary>
    public void Rewind() => Stream.Position = _start;

    /// <summary>Refuses <paramref name="body"/> as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<StagedUpload> StageAsync(Stream body, long maxBytes, string? directory, CancellationToken ct)
    {
        if (body.CanSeek)
        {
            var upload = new StagedUpload(body, body.Position, null);
            if (upload.Length > maxBytes) throw TooLarge(maxBytes);
            return upload;
        }
        return await CopyToTempFileAsync(body, maxBytes, directory, ct);
    }

    /// <summary>
    /// Stages <paramref name="body"/> and runs <paramref name="check"/> over the same bytes. For a
    /// body that must be copied to a temporary file, the check reads the bytes as they arrive (on
    /// another thread, through a bounded pipe), so receiving and checking overlap instead of
    /// taking turns. A check that fails early stops the copy.
    /// </summary>
    public static async Task<(StagedUpload Upload, T Checked)> StageAndCheckAsync<T>(Stream body, long maxBytes, string? directory,
        Func<Stream, T> check, CancellationToken ct)
    {
        if (body.CanSeek)
        {
            var inPlace = await StageAsync(body, maxBytes, directory, ct);
            inPlace.Rewind();
            return (inPlace, check(inPlace.Stream));
        }

        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20));
        var checking = Task.Run(() =>
        {
            using var stream = pipe.Reader.AsStream();
            return check(stream);
        }, ct);
        StagedUpload upload;
        try
        {
            upload = await CopyToTempFileAsync(body, maxBytes, directory, ct, pipe.Writer);
            await pipe.Writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e);
            // The check ends on the failed pipe; its own failure is not the one to report, unless
            // it failed first and so stopped the copy.
            try
            {
                await checking;
            }
            catch (UploadValidationException) when (e is not UploadValidationException)
            {
                throw;
            }
            catch (Exception) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
            }
            throw;
        }
        try
        {
            return (upload, await checking);
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    /// <summary>An empty temporary file to write a converted table into (then <see cref="Rewind"/> to read it).</summary>
    public static StagedUpload CreateTemp(string? directory)
    {
        var path = TempPath(directory);
        return new StagedUpload(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose), 0, path);
    }

    private static string TempPath(string? directory) =>
        Path.Combine(directory is { Length: > 0 } ? directory : Path.GetTempPath(), $"fairdb-upload-{Guid.NewGuid():N}.tmp");

    private static async Task<StagedUpload> CopyToTempFileAsync(Stream body, long maxBytes, string? directory, CancellationToken ct,
        PipeWriter? alsoTo = null)
    {
        var path = TempPath(directory);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        var upload = new StagedUpload(stream, 0, path);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes) throw TooLarge(maxBytes);
                await stream.WriteAsync(buffer.AsMemory(0, read), ct);
                if (alsoTo is not null && (await alsoTo.WriteAsync(buffer.AsMemory(0, read), ct)).IsCompleted)
                    throw new CheckStoppedException(); // the check has ended early: its verdict is what counts
            }
            await stream.FlushAsync(ct);
            return upload;
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The check stopped reading (it has found a problem); copying the rest is pointless.</summary>
    private sealed class CheckStoppedException : Exception;

    private static UploadValidationException TooLarge(long maxBytes) =>
        new(UploadProblem.TooLarge, $"The file is larger than the limit of {Megabytes(maxBytes)}. Split it or ask for a higher limit.");

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes} bytes";

    public async ValueTask DisposeAsync()
    {
        // The caller's own stream is theirs to close.
        if (_path is null) return;
        await Stream.DisposeAsync();
        // DeleteOnClose already removed it; this covers file systems where it does not apply.
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }
}

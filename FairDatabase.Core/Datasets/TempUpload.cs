using System.Buffers;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The request body staged in a temporary file, so it can be read twice (check, then load) with
/// memory bounded whatever its size. The file is deleted on dispose (and by the OS on close).
/// </summary>
internal sealed class TempUpload : IAsyncDisposable
{
    private readonly string _path;

    private TempUpload(string path, FileStream stream)
    {
        _path = path;
        Stream = stream;
    }

    public FileStream Stream { get; }

    /// <summary>Copies <paramref name="body"/>, refusing it as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<TempUpload> StageAsync(Stream body, long maxBytes, string? directory, CancellationToken ct)
    {
        var path = Path.Combine(directory is { Length: > 0 } ? directory : Path.GetTempPath(), $"fairdb-upload-{Guid.NewGuid():N}.csv");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        var upload = new TempUpload(path, stream);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                    throw new UploadValidationException(UploadProblem.TooLarge,
                        $"The file is larger than the limit of {Megabytes(maxBytes)}. Split it or ask for a higher limit.");
                await stream.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await stream.FlushAsync(ct);
            stream.Position = 0;
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

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes} bytes";

    public async ValueTask DisposeAsync()
    {
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

namespace FairDatabase.Core.Releases.Exports;

/// <summary>Streams a release as a ZIP: data.csv from the release's stored snapshot, then the metadata files.</summary>
public interface IReleaseZip
{
    /// <summary>
    /// Writes exactly <see cref="ReleaseFiles.ZipBytes"/> bytes. The caller has found the release
    /// through <see cref="IReleaseReader"/>; should its data stop being readable meanwhile, this
    /// throws and the partly sent archive is cut off (its length then betrays it).
    /// </summary>
    Task WriteAsync(Release release, ReleaseFiles files, Stream output, CancellationToken ct);
}

/// <summary>
/// data.csv comes first and is copied from <see cref="IReleaseReader.CopyDataCsvAsync"/> as it
/// arrives, so memory holds one copy buffer whatever the release's size.
/// </summary>
internal sealed class ReleaseZip(IReleaseReader reader) : IReleaseZip
{
    public Task WriteAsync(Release release, ReleaseFiles files, Stream output, CancellationToken ct) =>
        WriteAsync(release, files, entry => reader.CopyDataCsvAsync(release.Id, entry, ct), output, ct);

    /// <param name="copyDataCsv">Writes data.csv into the stream it is given; false when it cannot be read.</param>
    internal static async Task WriteAsync(Release release, ReleaseFiles files, Func<Stream, Task<bool>> copyDataCsv, Stream output, CancellationToken ct)
    {
        var zip = new StoredZipWriter(output, release.CreatedAt);
        await zip.AddStreamedAsync(ReleaseLinks.DataCsv, release.DataBytes, async entry =>
        {
            if (!await copyDataCsv(entry))
                throw new InvalidOperationException($"Release {release.Id} stopped being readable while its ZIP was written.");
        }, ct);
        foreach (var (name, bytes) in files.Metadata) await zip.AddAsync(name, bytes, ct);
        await zip.FinishAsync(ct);
    }
}

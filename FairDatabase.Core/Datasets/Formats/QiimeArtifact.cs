using System.IO.Compression;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// A QIIME 2 artifact (<c>.qza</c>): a zip holding <c>&lt;uuid&gt;/metadata.yaml</c> (whose
/// <c>type:</c> names the semantic type) and the data. Only feature tables
/// (<c>FeatureTable[…]</c>, stored as <c>data/feature-table.biom</c>, BIOM 2.1) are tables.
/// </summary>
internal static class QiimeArtifact
{
    /// <summary>Copies the feature table out of the artifact into a temporary file.</summary>
    public static async Task<StagedUpload> ExtractFeatureTableAsync(StagedUpload artifact, long maxBytes, string? tempDirectory, CancellationToken ct)
    {
        artifact.Rewind();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(artifact.Stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw NotAnArtifact();
        }
        using (zip)
        {
            var metadata = zip.Entries.FirstOrDefault(e => e.FullName.Count(c => c == '/') == 1 && e.FullName.EndsWith("/metadata.yaml", StringComparison.Ordinal))
                ?? throw NotAnArtifact();
            var root = metadata.FullName[..(metadata.FullName.IndexOf('/') + 1)];
            var type = await ReadTypeAsync(metadata, ct);
            if (!type.StartsWith("FeatureTable[", StringComparison.Ordinal))
                throw new UploadValidationException(UploadProblem.WrongArtifact,
                    $"This QIIME 2 artifact holds a {type}, not a feature table. Upload a FeatureTable[Frequency] (or another FeatureTable) artifact, such as table.qza from DADA2 or deblur.");
            var entry = zip.GetEntry(root + "data/feature-table.biom")
                ?? throw new UploadValidationException(UploadProblem.WrongArtifact, $"This {type} artifact has no data/feature-table.biom. Export it with 'qiime tools export' and upload the .biom file.");
            if (entry.Length > maxBytes)
                throw new UploadValidationException(UploadProblem.TooLarge, $"The feature table inside the artifact is {entry.Length / (1024.0 * 1024):0.#} MB unpacked, over the limit of {maxBytes / (1024.0 * 1024):0.#} MB.");
            var target = StagedUpload.CreateTemp(tempDirectory);
            try
            {
                await using (var source = entry.Open()) await source.CopyToAsync(target.Stream, ct);
                target.Rewind();
                return target;
            }
            catch
            {
                await target.DisposeAsync();
                throw;
            }
        }
    }

    private static async Task<string> ReadTypeAsync(ZipArchiveEntry metadata, CancellationToken ct)
    {
        using var reader = new StreamReader(metadata.Open());
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("type:", StringComparison.Ordinal)) return line[5..].Trim().Trim('\'', '"');
        }
        throw NotAnArtifact();
    }

    private static UploadValidationException NotAnArtifact() => new(UploadProblem.WrongArtifact,
        "The .qza file is not a QIIME 2 artifact (a zip with metadata.yaml naming its type). Upload the table.qza that QIIME 2 wrote, or export it to .biom.");
}

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// The metadata files of one release, exactly as served on their own and inside the ZIP, and the
/// ZIP's exact length. Everything is a function of the <see cref="Release"/> and its links, so the
/// same release always gives the same bytes.
/// </summary>
public sealed class ReleaseFiles
{
    private ReleaseFiles(IReadOnlyList<(string Name, byte[] Bytes)> metadata, long zipBytes)
    {
        Metadata = metadata;
        ZipBytes = zipBytes;
    }

    /// <summary>datapackage.json, datacite.json, ro-crate-metadata.json and privacy-report.json, in ZIP order.</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> Metadata { get; }

    public long ZipBytes { get; }

    /// <summary>One metadata file by name; null for a name that is not one of them.</summary>
    public byte[]? Find(string name) => Metadata.FirstOrDefault(m => m.Name == name).Bytes;

    public static ReleaseFiles Build(Release release, ReleaseLinks links)
    {
        var recipe = PublishedRecipe.From(release.Lineage.RecipeJson);
        var report = ReleaseJson.ToUtf8(PrivacyReportDocument.Build(release, recipe));
        var dataPackage = ReleaseJson.ToUtf8(DataPackageDocument.Build(release, links));
        var dataCite = ReleaseJson.ToUtf8(DataCiteDocument.Build(release, links, PublishedRecipe.AsText(recipe)));
        var described = new List<(string, byte[])>
        {
            (ReleaseLinks.DataPackage, dataPackage),
            (ReleaseLinks.DataCite, dataCite),
            (ReleaseLinks.PrivacyReport, report),
        };
        var crate = ReleaseJson.ToUtf8(RoCrateDocument.Build(release, links, [.. described.Select(d => (d.Item1, (long)d.Item2.Length))]));
        IReadOnlyList<(string Name, byte[] Bytes)> metadata =
            [(ReleaseLinks.DataPackage, dataPackage), (ReleaseLinks.DataCite, dataCite), (ReleaseLinks.RoCrate, crate), (ReleaseLinks.PrivacyReport, report)];
        var zipBytes = StoredZipWriter.SizeOf(
            [(ReleaseLinks.DataCsv, release.DataBytes, true), .. metadata.Select(m => (m.Name, (long)m.Bytes.Length, false))]);
        return new ReleaseFiles(metadata, zipBytes);
    }

    /// <summary>The landing page's schema.org JSON-LD, ready for a &lt;script type="application/ld+json"&gt; element.</summary>
    public static string JsonLd(Release release, ReleaseLinks links) =>
        System.Text.Encoding.UTF8.GetString(ReleaseJson.ToUtf8(SchemaOrgDataset.Build(release, links, Build(release, links).ZipBytes)));
}

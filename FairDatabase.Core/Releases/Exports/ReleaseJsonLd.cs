namespace FairDatabase.Core.Releases.Exports;

/// <summary>The landing page's JSON-LD (see <see cref="SchemaOrgDataset"/>), already safe inside a script element.</summary>
internal sealed class ReleaseJsonLd : IReleaseJsonLd
{
    public string Build(Release release, Uri landingPage) => ReleaseFiles.JsonLd(release, new ReleaseLinks(landingPage));
}

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// The absolute addresses of a release's landing page and files. data.csv and the metadata files
/// sit beside each other under /releases/{id}/, as they do inside the ZIP, so the relative paths
/// in datapackage.json and ro-crate-metadata.json resolve in both places.
/// </summary>
public sealed record ReleaseLinks(Uri LandingPage)
{
    public const string DataCsv = "data.csv";
    public const string DataPackage = "datapackage.json";
    public const string DataCite = "datacite.json";
    public const string RoCrate = "ro-crate-metadata.json";
    public const string PrivacyReport = "privacy-report.json";

    /// <param name="siteRoot">Scheme, host and path base of the site, e.g. https://data.example.org/.</param>
    public static ReleaseLinks For(Uri siteRoot, Guid releaseId)
    {
        var root = siteRoot.AbsoluteUri.EndsWith('/') ? siteRoot : new Uri(siteRoot.AbsoluteUri + "/");
        return new ReleaseLinks(new Uri(root, $"releases/{releaseId:D}"));
    }

    public Uri File(string name) => new(LandingPage.AbsoluteUri + "/" + name);

    public Uri Zip => new(LandingPage.AbsoluteUri + ".zip");

    /// <summary>Who publishes: this FairDatabase instance, named by its host.</summary>
    public string Publisher => "FairDatabase at " + LandingPage.Authority;
}

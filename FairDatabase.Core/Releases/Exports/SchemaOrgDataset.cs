using System.Globalization;
using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// The landing page's schema.org Dataset (JSON-LD, for search engines such as Google Dataset
/// Search): the citation facts, both downloads with their exact sizes, the columns as
/// variableMeasured and the privacy figures as additionalProperty PropertyValues.
/// </summary>
public static class SchemaOrgDataset
{
    public static JsonObject Build(Release release, ReleaseLinks links, long zipBytes)
    {
        var landing = links.LandingPage.AbsoluteUri;
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Dataset",
            ["@id"] = landing,
            ["name"] = release.Title,
            ["description"] = release.Description,
            ["url"] = landing,
            ["identifier"] = landing,
            ["license"] = LicenseLink.For(release.License),
            ["isAccessibleForFree"] = true,
            ["keywords"] = ReleaseJson.Array(release.Keywords.Select(k => (JsonNode)k)),
            ["creator"] = ReleaseJson.Array(release.Creators.Select(c => (JsonNode)SchemaOrgEntities.For(CreatorName.Parse(c)))),
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = links.Publisher },
            ["datePublished"] = release.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["distribution"] = new JsonArray(
                new JsonObject
                {
                    ["@type"] = "DataDownload",
                    ["name"] = ReleaseLinks.DataCsv,
                    ["contentUrl"] = links.File(ReleaseLinks.DataCsv).AbsoluteUri,
                    ["encodingFormat"] = "text/csv",
                    ["contentSize"] = release.DataBytes.ToString(CultureInfo.InvariantCulture),
                    ["sha256"] = release.DataSha256,
                },
                new JsonObject
                {
                    ["@type"] = "DataDownload",
                    ["name"] = "The release as a ZIP: data.csv, its metadata and the privacy report",
                    ["contentUrl"] = links.Zip.AbsoluteUri,
                    ["encodingFormat"] = "application/zip",
                    ["contentSize"] = zipBytes.ToString(CultureInfo.InvariantCulture),
                }),
            ["variableMeasured"] = ReleaseJson.Array(release.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["@type"] = "PropertyValue",
                ["name"] = f.Name,
                ["description"] = "Table Schema type: " + f.Type,
            })),
            ["additionalProperty"] = ReleaseJson.Array(PrivacyFigures.Of(release).Select(f => (JsonNode)SchemaOrgEntities.PropertyValue(f))),
        };
    }
}

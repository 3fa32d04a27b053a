using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// datapackage.json: a Frictionless Data Package (v1, tabular profile) describing data.csv with
/// its size, SHA-256 and Table Schema. The privacy figures travel in the custom "fairdb:privacy"
/// property (the specification allows extra properties).
/// </summary>
public static class DataPackageDocument
{
    public static JsonObject Build(Release release, ReleaseLinks links)
    {
        var figures = PrivacyFigures.Of(release);
        return new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = $"release-{release.Id:D}",
            ["id"] = links.LandingPage.AbsoluteUri,
            ["title"] = release.Title,
            ["description"] = release.Description,
            ["homepage"] = links.LandingPage.AbsoluteUri,
            ["created"] = release.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["keywords"] = ReleaseJson.Array(release.Keywords.Select(k => (JsonNode)k)),
            ["licenses"] = new JsonArray(new JsonObject
            {
                ["name"] = release.License,
                ["path"] = LicenseLink.For(release.License),
                ["title"] = release.License,
            }),
            ["contributors"] = ReleaseJson.Array(release.Creators.Select(c => (JsonNode)new JsonObject { ["title"] = c, ["role"] = "author" })),
            ["resources"] = new JsonArray(new JsonObject
            {
                ["name"] = "data",
                ["profile"] = "tabular-data-resource",
                ["path"] = ReleaseLinks.DataCsv,
                ["title"] = release.Title,
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["bytes"] = release.DataBytes,
                ["hash"] = "sha256:" + release.DataSha256,
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["header"] = true },
                ["schema"] = new JsonObject
                {
                    ["fields"] = ReleaseJson.Array(release.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type })),
                },
            }),
            ["fairdb:privacy"] = new JsonObject
            {
                ["report"] = ReleaseLinks.PrivacyReport,
                ["populationIsRelease"] = release.Risk.PopulationIsRelease,
                ["quasiIdentifiers"] = ReleaseJson.Array(release.Risk.QuasiIdentifiers.Select(q => (JsonNode)q)),
                ["figures"] = new JsonObject(figures.Select(f => KeyValuePair.Create(f.Id, ReleaseJson.Number(f.Value)))),
            },
        };
    }
}

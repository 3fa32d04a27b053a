using System.Globalization;
using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// ro-crate-metadata.json: an RO-Crate 1.1 whose root dataset "./" holds data.csv and the other
/// metadata files (with their sizes, so the crate describes the ZIP it sits in). Creators are
/// local Person/Organization entities; the privacy figures are PropertyValue entities.
/// </summary>
public static class RoCrateDocument
{
    public const string Context = "https://w3id.org/ro/crate/1.1/context";
    public const string Profile = "https://w3id.org/ro/crate/1.1";

    /// <param name="metadataFiles">The other metadata files in the crate and their byte counts.</param>
    public static JsonObject Build(Release release, ReleaseLinks links, IReadOnlyList<(string Name, long Bytes)> metadataFiles)
    {
        var figures = PrivacyFigures.Of(release);
        var creators = release.Creators.Select((c, i) => SchemaOrgEntities.For(CreatorName.Parse(c), $"#creator-{i + 1}")).ToList();
        var license = LicenseLink.For(release.License);
        var graph = new JsonArray
        {
            new JsonObject
            {
                ["@id"] = ReleaseLinks.RoCrate,
                ["@type"] = "CreativeWork",
                ["conformsTo"] = ReleaseJson.Ref(Profile),
                ["about"] = ReleaseJson.Ref("./"),
            },
            new JsonObject
            {
                ["@id"] = "./",
                ["@type"] = "Dataset",
                ["name"] = release.Title,
                ["description"] = release.Description,
                ["datePublished"] = release.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["identifier"] = links.LandingPage.AbsoluteUri,
                ["url"] = links.LandingPage.AbsoluteUri,
                ["license"] = ReleaseJson.Ref(license),
                ["keywords"] = ReleaseJson.Array(release.Keywords.Select(k => (JsonNode)k)),
                ["author"] = ReleaseJson.Array(creators.Select(c => (JsonNode)ReleaseJson.Ref((string)c["@id"]!))),
                ["publisher"] = links.Publisher,
                ["hasPart"] = ReleaseJson.Array(new[] { ReleaseLinks.DataCsv }.Concat(metadataFiles.Select(m => m.Name)).Select(n => (JsonNode)ReleaseJson.Ref(n))),
                ["additionalProperty"] = ReleaseJson.Array(figures.Select(f => (JsonNode)ReleaseJson.Ref("#" + f.Id))),
            },
            new JsonObject
            {
                ["@id"] = ReleaseLinks.DataCsv,
                ["@type"] = "File",
                ["name"] = "The released table",
                ["encodingFormat"] = "text/csv",
                ["contentSize"] = release.DataBytes.ToString(CultureInfo.InvariantCulture),
                ["sha256"] = release.DataSha256,
                ["variableMeasured"] = ReleaseJson.Array(release.Fields.Select(f => (JsonNode)f.Name)),
            },
        };
        foreach (var (name, bytes) in metadataFiles)
            graph.Add(new JsonObject
            {
                ["@id"] = name,
                ["@type"] = "File",
                ["encodingFormat"] = "application/json",
                ["contentSize"] = bytes.ToString(CultureInfo.InvariantCulture),
            });
        graph.Add(new JsonObject { ["@id"] = license, ["@type"] = "CreativeWork", ["name"] = release.License, ["identifier"] = release.License });
        foreach (var c in creators) graph.Add(c);
        foreach (var f in figures) graph.Add(SchemaOrgEntities.PropertyValue(f, "#" + f.Id));
        return new JsonObject { ["@context"] = Context, ["@graph"] = graph };
    }
}

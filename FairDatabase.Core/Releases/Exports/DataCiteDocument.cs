using System.Globalization;
using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// datacite.json: the release in DataCite Metadata Schema 4 as the attributes of DataCite's REST
/// API. The release has no DOI; its landing page URL is the identifier. The privacy figures are a
/// TechnicalInfo description ("id=value; …", values in round-trip form), the recipe a Methods one.
/// </summary>
public static class DataCiteDocument
{
    public static JsonObject Build(Release release, ReleaseLinks links, string recipeJson)
    {
        var created = release.CreatedAt.UtcDateTime;
        return new JsonObject
        {
            ["types"] = new JsonObject { ["resourceTypeGeneral"] = "Dataset", ["resourceType"] = "Anonymized table" },
            ["identifiers"] = new JsonArray(new JsonObject { ["identifier"] = links.LandingPage.AbsoluteUri, ["identifierType"] = "URL" }),
            ["url"] = links.LandingPage.AbsoluteUri,
            ["titles"] = new JsonArray(new JsonObject { ["title"] = release.Title }),
            ["creators"] = ReleaseJson.Array(release.Creators.Select(c => (JsonNode)Creator(CreatorName.Parse(c)))),
            ["publisher"] = links.Publisher,
            ["publicationYear"] = created.Year,
            ["subjects"] = ReleaseJson.Array(release.Keywords.Select(k => (JsonNode)new JsonObject { ["subject"] = k })),
            ["dates"] = new JsonArray(
                new JsonObject { ["date"] = created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["dateType"] = "Issued" },
                new JsonObject { ["date"] = created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["dateType"] = "Created" }),
            ["sizes"] = new JsonArray($"{release.DataBytes} bytes", $"{release.RowCount} rows", $"{release.Fields.Count} columns"),
            ["formats"] = new JsonArray("text/csv", "application/zip"),
            ["version"] = "1",
            ["rightsList"] = new JsonArray(new JsonObject
            {
                ["rights"] = release.License,
                ["rightsUri"] = LicenseLink.For(release.License),
                ["rightsIdentifier"] = release.License,
                ["rightsIdentifierScheme"] = "SPDX",
                ["schemeUri"] = LicenseLink.SpdxListUrl,
            }),
            ["descriptions"] = new JsonArray(
                new JsonObject { ["description"] = release.Description, ["descriptionType"] = "Abstract" },
                new JsonObject { ["description"] = "Privacy figures: " + PrivacyFigures.AsText(PrivacyFigures.Of(release)), ["descriptionType"] = "TechnicalInfo" },
                new JsonObject { ["description"] = PopulationNote(release.Risk), ["descriptionType"] = "Other" },
                new JsonObject { ["description"] = "Anonymization recipe: " + recipeJson, ["descriptionType"] = "Methods" }),
            ["schemaVersion"] = "http://datacite.org/schema/kernel-4",
        };
    }

    private static string PopulationNote(RiskFigures risk) => risk.PopulationIsRelease
        ? "Journalist and marketer risks: no population was available, so the release itself stood in for it."
        : $"Journalist and marketer risks refer to a population of {risk.PopulationRows} rows: the source dataset generalized the same way.";

    private static JsonObject Creator(CreatorName c) => c.IsPerson
        ? new JsonObject
        {
            ["name"] = $"{c.FamilyName}, {c.GivenName}",
            ["nameType"] = "Personal",
            ["givenName"] = c.GivenName,
            ["familyName"] = c.FamilyName,
        }
        : new JsonObject { ["name"] = c.Name, ["nameType"] = "Organizational" };
}

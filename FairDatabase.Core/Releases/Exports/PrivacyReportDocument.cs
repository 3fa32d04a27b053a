using System.Text.Json;
using System.Text.Json.Nodes;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// privacy-report.json: the reference the other files' privacy figures are checked against. It
/// holds the risk figures and the P29 report at full precision, the quasi-identifiers that drive
/// the risk, the recipe (without any seed) and where the data came from.
/// </summary>
public static class PrivacyReportDocument
{
    public static JsonObject Build(Release release, JsonNode? recipe) => new()
    {
        ["release"] = new JsonObject
        {
            ["id"] = release.Id.ToString("D"),
            ["title"] = release.Title,
            ["createdAt"] = release.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["rows"] = release.RowCount,
            ["dataBytes"] = release.DataBytes,
            ["dataSha256"] = release.DataSha256,
        },
        ["risk"] = JsonSerializer.SerializeToNode(release.Risk, ReleaseJson.Serializer),
        ["p29"] = release.P29 is null ? null : JsonSerializer.SerializeToNode(release.P29, ReleaseJson.Serializer),
        ["recipe"] = recipe,
        ["lineage"] = new JsonObject
        {
            ["datasetId"] = release.Lineage.DatasetId.ToString("D"),
            ["datasetName"] = release.Lineage.DatasetName,
            ["sourceDatasetId"] = release.Lineage.SourceDatasetId?.ToString("D"),
            ["sourceDatasetName"] = release.Lineage.SourceDatasetName,
        },
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

/// <summary>Every export carries the same privacy figures as privacy-report.json, at full precision.</summary>
public sealed class PrivacyFiguresAcrossFilesTests
{
    private static Dictionary<string, double> FromPropertyValues(IEnumerable<JsonNode?> values) =>
        values.ToDictionary(v => (string)v!["propertyID"]!, v => v!["value"]!.GetValue<double>());

    private static Dictionary<string, double> FromDataCite(JsonObject record)
    {
        var text = (string)record["descriptions"]!.AsArray().Single(d => (string?)d!["descriptionType"] == "TechnicalInfo")!["description"]!;
        return text["Privacy figures: ".Length..].Split("; ").Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_file_carries_the_report_figures_unrounded()
    {
        var release = SampleReleases.Gut();
        var exports = ExportFiles.Of(release);
        var crateGraph = exports.RoCrate["@graph"]!.AsArray();
        var carried = new Dictionary<string, Dictionary<string, double>>
        {
            ["schema.org"] = FromPropertyValues(exports.JsonLd["additionalProperty"]!.AsArray()),
            ["datapackage"] = exports.DataPackage["fairdb:privacy"]!["figures"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()),
            ["datacite"] = FromDataCite(exports.DataCite),
            ["ro-crate"] = FromPropertyValues(crateGraph.Where(e => (string?)e!["@type"] == "PropertyValue")),
        };
        var expectedIds = PrivacyFigures.Of(release).Select(f => f.Id).Order().ToList();

        Assert.Contains("risk.marketer", expectedIds);
        Assert.Contains("p29.p29", expectedIds);
        Assert.Equal(2.0 / 3, exports.ReportFigure("risk.marketer"));
        Assert.Equal(1.0 / 3, exports.ReportFigure("risk.journalistHighest"));
        foreach (var (file, figures) in carried)
        {
            Assert.True(expectedIds.SequenceEqual(figures.Keys.Order()), $"{file} carries {string.Join(", ", figures.Keys)}");
            foreach (var (id, value) in figures)
                Assert.True(exports.ReportFigure(id) == value, $"{file}: {id} = {value:R}, the report says {exports.ReportFigure(id):R}");
        }
    }

    [Fact]
    public void The_report_holds_drivers_the_p29_report_recipe_and_lineage()
    {
        var release = SampleReleases.Gut();
        var report = ExportFiles.Of(release).Report;

        Assert.Equal(0.1 + 0.2, report["risk"]!["drivers"]![1]!["uniquesResolvedShare"]!.GetValue<double>());
        Assert.Equal(release.P29!.MinK, (int)report["p29"]!["minK"]!);
        Assert.Equal("bmi", (string?)report["p29"]!["attributes"]![0]!["name"]);
        Assert.Equal("gut_raw", (string?)report["lineage"]!["sourceDatasetName"]);
        Assert.Equal(release.DataSha256, (string?)report["release"]!["dataSha256"]);
        Assert.Equal(10, (int)report["recipe"]!["steps"]![0]!["width"]!);
    }

    [Fact]
    public void No_file_publishes_a_seed()
    {
        var files = ReleaseFiles.Build(SampleReleases.Gut(), SampleReleases.Links);

        Assert.All(files.Metadata, m =>
        {
            var text = Encoding.UTF8.GetString(m.Bytes);
            Assert.DoesNotContain("seed", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("4242", text, StringComparison.Ordinal);
        });
        Assert.Equal(1.5, (double)JsonNode.Parse(files.Find(ReleaseLinks.PrivacyReport)!)!["recipe"]!["steps"]![1]!["epsilon"]!);
    }

    [Fact]
    public void A_recipe_that_is_not_json_is_left_out_rather_than_published_as_text()
    {
        var files = ReleaseFiles.Build(SampleReleases.Gut(recipe: "dp seed=4242 epsilon=1"), SampleReleases.Links);

        Assert.Null(JsonNode.Parse(files.Find(ReleaseLinks.PrivacyReport)!)!["recipe"]);
        Assert.All(files.Metadata, m => Assert.DoesNotContain("4242", Encoding.UTF8.GetString(m.Bytes), StringComparison.Ordinal));
    }
}

using System.Security.Cryptography;
using System.Text;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

public sealed class SchemaOrgJsonLdTests
{
    [Fact]
    public void The_dataset_cites_the_release_and_lists_its_columns()
    {
        var release = SampleReleases.Gut();
        var ld = ExportFiles.Of(release).JsonLd;

        Assert.Equal("https://schema.org", (string?)ld["@context"]);
        Assert.Equal("Dataset", (string?)ld["@type"]);
        Assert.Equal(release.Title, (string?)ld["name"]);
        Assert.Equal(release.Description, (string?)ld["description"]);
        Assert.Equal("https://spdx.org/licenses/CC-BY-4.0", (string?)ld["license"]);
        Assert.Equal("https://data.example.org/releases/0d3b5a3e-5b1e-4d7b-9a55-2f0c6a1d7e42", (string?)ld["identifier"]);
        Assert.Equal("2026-11-23", (string?)ld["datePublished"]);
        Assert.Equal(release.Keywords, ld["keywords"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(["Person", "Person", "Organization"], ld["creator"]!.AsArray().Select(c => (string?)c!["@type"]));
        Assert.Equal(release.Fields.Select(f => f.Name), ld["variableMeasured"]!.AsArray().Select(v => (string?)v!["name"]));
    }

    [Fact]
    public async Task Both_downloads_state_their_true_sizes_and_addresses()
    {
        var release = SampleReleases.Gut();
        var exports = ExportFiles.Of(release);
        var data = Encoding.UTF8.GetBytes(SampleReleases.DataCsv);
        var zip = await ExportFiles.ZipAsync(release, exports.Files, data);
        var distribution = exports.JsonLd["distribution"]!.AsArray();

        var csv = distribution.Single(d => (string?)d!["encodingFormat"] == "text/csv")!;
        Assert.Equal("https://data.example.org/releases/0d3b5a3e-5b1e-4d7b-9a55-2f0c6a1d7e42/data.csv", (string?)csv["contentUrl"]);
        Assert.Equal(data.Length.ToString(), (string?)csv["contentSize"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), (string?)csv["sha256"]);
        var archive = distribution.Single(d => (string?)d!["encodingFormat"] == "application/zip")!;
        Assert.Equal("https://data.example.org/releases/0d3b5a3e-5b1e-4d7b-9a55-2f0c6a1d7e42.zip", (string?)archive["contentUrl"]);
        Assert.Equal(zip.Length.ToString(), (string?)archive["contentSize"]);
        Assert.All(distribution, d => Assert.Equal("DataDownload", (string?)d!["@type"]));
    }

    [Fact]
    public void Text_that_would_end_a_script_element_is_escaped()
    {
        var release = SampleReleases.Gut(title: "Gut </script><script>alert(1)</script> & more");

        var ld = ReleaseFiles.JsonLd(release, SampleReleases.Links);

        Assert.DoesNotContain("</script", ld, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", ld, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(release.Title, (string?)System.Text.Json.Nodes.JsonNode.Parse(ld)!["name"]);
    }
}

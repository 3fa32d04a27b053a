using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Tests.Releases.Exports;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>A release made through the real workflow and release form, then fetched through its files.</summary>
[Collection(AppCollection.Name)]
public sealed class CreatedReleaseFilesTests(AppFixture fixture)
{
    [Fact]
    public async Task A_release_made_through_the_form_exports_valid_files_that_agree_with_its_data()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var dataset = await owner.SaveBalancedAsync(TestDatabase.UniqueName("balanced"));
        var id = await owner.CreateReleaseAsync(dataset, visibility: "public", title: "Balanced study");
        using var visitor = new BrowserSession(fixture.Factory);

        var csv = await visitor.Client.GetByteArrayAsync($"/releases/{id}/data.csv");
        var zipBytes = await visitor.Client.GetByteArrayAsync($"/releases/{id}.zip");
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        string Entry(string name) => new StreamReader(zip.GetEntry(name)!.Open()).ReadToEnd();
        var package = Entry("datapackage.json");
        var report = JsonNode.Parse(Entry("privacy-report.json"))!;

        Assert.Empty(SchemaValidation.Errors(SchemaValidation.DataPackage, package));
        Assert.Empty(SchemaValidation.Errors(SchemaValidation.DataCite, Entry("datacite.json")));
        var resource = JsonNode.Parse(package)!["resources"]![0]!;
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(csv)), (string?)resource["hash"]);
        Assert.Equal(csv.Length, (long)resource["bytes"]!);
        Assert.Equal(Encoding.UTF8.GetString(csv), Entry("data.csv"));
        var fields = resource["schema"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.Equal(Encoding.UTF8.GetString(csv).Split('\n')[0].Split(','), fields);
        Assert.Contains("sex", fields);
        Assert.DoesNotContain("name", fields);
        Assert.Equal(0.2, report["risk"]!["prosecutorHighest"]!.GetValue<double>());
        Assert.Equal(10, (long)report["risk"]!["rows"]!);
        foreach (var (figure, value) in JsonNode.Parse(package)!["fairdb:privacy"]!["figures"]!.AsObject())
        {
            var at = report;
            foreach (var part in figure.Split('.')) at = at![part];
            Assert.Equal(at!.GetValue<double>(), value!.GetValue<double>());
        }
        Assert.DoesNotContain("seed", Entry("privacy-report.json"), StringComparison.OrdinalIgnoreCase);
    }
}

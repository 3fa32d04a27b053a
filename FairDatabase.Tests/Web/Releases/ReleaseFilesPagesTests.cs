using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Exports;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Tests.Releases.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>The release files through the real app and database: who may fetch them, and that they agree with each other.</summary>
[Collection(AppCollection.Name)]
public sealed class ReleaseFilesPagesTests(AppFixture fixture)
{
    private static readonly string[] MetadataFiles = ["datapackage.json", "datacite.json", "ro-crate-metadata.json", "privacy-report.json"];

    private static async Task<Release> StoreAsync(ReleaseVisibility visibility, Guid? owner = null, byte[]? csv = null) =>
        await StoredReleases.InsertAsync(
            SampleReleases.Gut() with { Id = Guid.NewGuid(), OwnerId = owner ?? await TestDatabase.CreateUserAsync(), Visibility = visibility },
            csv ?? Encoding.UTF8.GetBytes(SampleReleases.DataCsv));

    /// <summary>The files as built from the release the app reads back (jsonb keeps the recipe's keys in its own order).</summary>
    private async Task<ReleaseFiles> ExpectedFilesAsync(Guid id)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IReleaseReader>().FindAsync(id, CancellationToken.None);
        return ReleaseFiles.Build(stored!, ReleaseLinks.For(new Uri("https://localhost/"), id));
    }

    private static string[] AllFiles(Guid id) => [.. MetadataFiles.Select(f => $"/releases/{id}/{f}"), $"/releases/{id}.zip"];

    /// <summary>A data.csv of several stored chunks, so the ZIP streams across chunk boundaries.</summary>
    private static byte[] LargeCsv()
    {
        var text = new StringBuilder("sample_id,age,sex,bmi,Bacteroides\n");
        for (var i = 0; i < 120_000; i++) text.Append('S').Append(i).Append(i % 2 == 0 ? ",30-39,F," : ",40-49,M,").Append(20 + i % 13).Append(',').Append(i * 7 % 1000).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public async Task A_visitor_without_a_session_gets_every_file_of_a_public_release_as_built()
    {
        var release = await StoreAsync(ReleaseVisibility.Public);
        using var visitor = new BrowserSession(fixture.Factory);
        var expected = await ExpectedFilesAsync(release.Id);

        foreach (var file in MetadataFiles)
        {
            using var response = await visitor.Client.GetAsync($"/releases/{release.Id}/{file}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected.Find(file), await response.Content.ReadAsByteArrayAsync());
        }
        var package = await visitor.Client.GetStringAsync($"/releases/{release.Id}/datapackage.json");
        Assert.Empty(SchemaValidation.Errors(SchemaValidation.DataPackage, package));
        Assert.Empty(SchemaValidation.Errors(SchemaValidation.DataCite, await visitor.Client.GetStringAsync($"/releases/{release.Id}/datacite.json")));
        Assert.Equal($"https://localhost/releases/{release.Id}", (string?)JsonNode.Parse(package)!["id"]);
    }

    [Fact]
    public async Task The_zip_streams_data_csv_and_the_files_exactly_as_served_alone()
    {
        var csv = LargeCsv();
        Assert.True(csv.Length > 2 * StoredReleases.ChunkBytes);
        var release = await StoreAsync(ReleaseVisibility.Public, csv: csv);
        using var visitor = new BrowserSession(fixture.Factory);

        using var response = await visitor.Client.GetAsync($"/releases/{release.Id}.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(response.Content.Headers.ContentLength, bytes.Length);

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var data = Read(zip, "data.csv");
        Assert.Equal(csv, data);
        var resource = JsonNode.Parse(Read(zip, "datapackage.json"))!["resources"]![0]!;
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(data)), (string?)resource["hash"]);
        Assert.Equal(data.Length, (long)resource["bytes"]!);
        foreach (var file in MetadataFiles)
            Assert.Equal(await visitor.Client.GetByteArrayAsync($"/releases/{release.Id}/{file}"), Read(zip, file));
    }

    [Fact]
    public async Task The_landing_page_head_carries_json_ld_whose_sizes_and_figures_match_the_files()
    {
        var release = await StoreAsync(ReleaseVisibility.Public);
        using var visitor = new BrowserSession(fixture.Factory);

        var page = await visitor.GetDocumentAsync($"/releases/{release.Id}");
        var script = page.Head!.QuerySelector("script[type='application/ld+json']");
        Assert.NotNull(script);
        var ld = JsonNode.Parse(script.TextContent)!;
        var zip = await visitor.Client.GetByteArrayAsync($"/releases/{release.Id}.zip");
        var report = JsonNode.Parse(await visitor.Client.GetStringAsync($"/releases/{release.Id}/privacy-report.json"))!;

        Assert.Equal("Dataset", (string?)ld["@type"]);
        Assert.Equal($"https://localhost/releases/{release.Id}", (string?)ld["identifier"]);
        var archive = ld["distribution"]!.AsArray().Single(d => (string?)d!["encodingFormat"] == "application/zip")!;
        Assert.Equal(zip.Length.ToString(), (string?)archive["contentSize"]);
        Assert.Equal($"https://localhost/releases/{release.Id}.zip", (string?)archive["contentUrl"]);
        var figures = ld["additionalProperty"]!.AsArray();
        Assert.NotEmpty(figures);
        foreach (var figure in figures)
        {
            var at = report;
            foreach (var part in ((string)figure!["propertyID"]!).Split('.')) at = at![part];
            Assert.Equal(at!.GetValue<double>(), figure["value"]!.GetValue<double>());
        }
    }

    [Fact]
    public async Task A_private_release_is_404_to_visitors_and_other_users_and_served_to_its_owner()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var other = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var visitor = new BrowserSession(fixture.Factory);
        var release = await StoreAsync(ReleaseVisibility.Private, await TestUsers.IdOfAsync(owner.Email!));

        foreach (var path in AllFiles(release.Id))
        {
            foreach (var stranger in new[] { visitor, other })
            {
                using var refused = await stranger.Client.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                var body = await refused.Content.ReadAsStringAsync();
                Assert.DoesNotContain(release.Title, body, StringComparison.Ordinal);
                Assert.DoesNotContain("gut_raw", body, StringComparison.Ordinal);
            }
            using var served = await owner.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_or_malformed_release_ids_are_404()
    {
        using var visitor = new BrowserSession(fixture.Factory);

        foreach (var path in AllFiles(Guid.NewGuid()).Append("/releases/not-a-guid/datacite.json").Append("/releases/not-a-guid.zip"))
        {
            using var response = await visitor.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_files_cannot_be_changed_through_any_method()
    {
        var release = await StoreAsync(ReleaseVisibility.Public);
        using var owner = new BrowserSession(fixture.Factory);

        foreach (var path in AllFiles(release.Id))
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            {
                using var response = await owner.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent("{}") });
                Assert.False(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}");
            }
        Assert.Equal((await ExpectedFilesAsync(release.Id)).Find("datacite.json"),
            await owner.Client.GetByteArrayAsync($"/releases/{release.Id}/datacite.json"));
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }
}

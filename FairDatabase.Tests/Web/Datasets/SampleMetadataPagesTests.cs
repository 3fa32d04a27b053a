using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>/datasets/{id}/metadata through the real app: attach, replace, reject, and another user's dataset.</summary>
[Collection(AppCollection.Name)]
public sealed class SampleMetadataPagesTests(AppFixture fixture)
{
    // A biom-tool table: transposed on upload, so S1..S3 become the rows.
    private const string Null = "<NULL>";

    private const string FeatureTable = "# Constructed from biom file\n#OTU ID\tS1\tS2\tS3\nOTU1\t1\t2\t3\nOTU2\t4\t5\t6\n";

    private static MultipartFormDataContent FileForm(string content, string fileName)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<Guid> UploadFeatureTableAsync(BrowserSession browser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/upload") { Content = FileForm(FeatureTable, "otus.tsv") };
        request.Headers.Add("RequestVerificationToken", await browser.GetAntiforgeryTokenAsync("/dashboard/upload"));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await browser.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("datasetId").GetGuid();
    }

    private static Task<HttpResponseMessage> AttachAsync(BrowserSession browser, Guid dataset, string content, string fileName = "meta.csv") =>
        browser.PostMultipartAsync($"/datasets/{dataset}/metadata", FileForm(content, fileName));

    /// <summary>Per sample (un-hashed), the metadata chunk's values; with the chunk's table name and whether its rowids are the dataset's.</summary>
    private static async Task<(string? Table, Dictionary<string, string[]> Rows, bool SameRowIds)> MetadataChunkAsync(Guid dataset, params string[] samples)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        var tables = (await admin.QueryAsync<(string Name, bool Meta)>(
            "SELECT table_name, sample_metadata FROM fairdb.dataset_tables WHERE dataset_id = @dataset ORDER BY chunk_index", new { dataset })).ToList();
        var meta = tables.SingleOrDefault(t => t.Meta).Name;
        if (meta is null) return (null, [], false);
        var hashes = samples.ToDictionary(s => new FairDatabase.Core.Datasets.IdHasher(null).Hex(s), s => s);
        var rows = new Dictionary<string, string[]>();
        await using (var cmd = new Npgsql.NpgsqlCommand($"SELECT * FROM _realtime.\"{meta}\" ORDER BY rowid", admin))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                rows[hashes[reader.GetString(2)]] = Enumerable.Range(3, reader.FieldCount - 3).Select(i => reader.IsDBNull(i) ? Null : reader.GetString(i)).ToArray();
        }
        var same = await admin.ExecuteScalarAsync<bool>(
            $"SELECT array(SELECT rowid FROM _realtime.\"{tables[0].Name}\" ORDER BY rowid) = array(SELECT rowid FROM _realtime.\"{meta}\" ORDER BY rowid)");
        return (meta, rows, same);
    }

    [Fact]
    public async Task Metadata_is_attached_by_sample_id_and_unmatched_ids_are_listed()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var dataset = await UploadFeatureTableAsync(browser);
        var form = await browser.GetDocumentAsync($"/datasets/{dataset}/metadata");

        using var response = await AttachAsync(browser, dataset, "sample,body_site,age\nS1,gut,34\nS3,skin,51\nS9,oral,20\n");
        var page = await BrowserSession.ParseAsync(response);
        var (table, rows, sameRowIds) = await MetadataChunkAsync(dataset, "S1", "S2", "S3");
        var preview = await browser.GetDocumentAsync($"/dashboard/table_preview?table_name={table}");

        Assert.Contains("No sample metadata attached yet", form.QuerySelector("#current-columns")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", page.QuerySelector("#matched")?.TextContent);
        Assert.Equal("S9", page.QuerySelector("#unmatched-ids")?.TextContent);
        Assert.Contains("body_site, age", page.QuerySelector("#current-columns")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["gut", "34"], rows["S1"]);
        Assert.Equal([Null, Null], rows["S2"]);
        Assert.Equal(["skin", "51"], rows["S3"]);
        Assert.True(sameRowIds);
        Assert.Equal(["sample_id", "body_site", "age"], preview.QuerySelectorAll("#preview thead th").Select(th => th.TextContent).Where(c => c != "rowid").ToArray());
    }

    [Fact]
    public async Task Attaching_again_replaces_and_a_file_matching_no_sample_is_refused_leaving_the_last_one()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var dataset = await UploadFeatureTableAsync(browser);
        using var first = await AttachAsync(browser, dataset, "sample,body_site\nS1,gut\n");
        var (firstTable, _, _) = await MetadataChunkAsync(dataset, "S1", "S2", "S3");

        using var second = await AttachAsync(browser, dataset, "#SampleID\ttreatment\n#q2:types\tcategorical\nS2\tA\n", "meta.tsv");
        var secondPage = await BrowserSession.ParseAsync(second);
        var (_, rows, _) = await MetadataChunkAsync(dataset, "S1", "S2", "S3");

        using var rejected = await AttachAsync(browser, dataset, "sample,treatment\nX1,B\nX2,C\n");
        var rejectedPage = await BrowserSession.ParseAsync(rejected);
        var (_, afterReject, _) = await MetadataChunkAsync(dataset, "S1", "S2", "S3");
        await using var admin = await TestDatabase.OpenAdminAsync();
        var header = await admin.ExecuteScalarAsync<string[]>("SELECT original_header FROM fairdb.datasets WHERE id = @dataset", new { dataset });
        var columns = await ColumnsOfAsync(firstTable!);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Replaced", secondPage.QuerySelector("#metadata-attached")?.TextContent, StringComparison.Ordinal);
        Assert.Equal([Null], rows["S1"]);
        Assert.Equal(["A"], rows["S2"]);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("None of the 2 sample ids", rejectedPage.QuerySelector("#metadata-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", rejectedPage.QuerySelector("#metadata-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(rows["S2"], afterReject["S2"]);
        Assert.Equal(["sample_id", "OTU1", "OTU2", "treatment"], header ?? []);
        Assert.Contains("treatment", columns);
        Assert.DoesNotContain("body_site", columns);
    }

    private static Task<List<string>> ColumnsOfAsync(string table) => FairDatabase.Tests.Datasets.ImportHelpers.ColumnsOfAsync(table);

    [Fact]
    public async Task Another_users_dataset_is_not_found_and_cannot_be_changed()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var dataset = await UploadFeatureTableAsync(owner);
        using var other = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);

        using var get = await other.Client.GetAsync($"/datasets/{dataset}/metadata");
        var content = FileForm("sample,x\nS1,1\n", "meta.csv");
        content.Add(new StringContent(await other.GetAntiforgeryTokenAsync("/dashboard/upload")), "__RequestVerificationToken");
        using var post = await other.Client.PostAsync($"/datasets/{dataset}/metadata", content);
        var (table, _, _) = await MetadataChunkAsync(dataset);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(table);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var dataset = await UploadFeatureTableAsync(browser);

        using var post = await browser.Client.PostAsync($"/datasets/{dataset}/metadata", FileForm("sample,x\nS1,1\n", "meta.csv"));
        var (table, _, _) = await MetadataChunkAsync(dataset);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Null(table);
    }
}

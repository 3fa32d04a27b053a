using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>/dashboard/upload through the real app, both as a plain form post and as the page's script sends it.</summary>
[Collection(AppCollection.Name)]
public sealed class UploadPagesTests(AppFixture fixture)
{
    private const string Csv = "Sample ID,Bacteroides (%),\"x'); DROP TABLE users;--\",note\n" +
                               "S-1,12,a,\"semi;colon \"\"quoted\"\"\"\nS-2,7,b,ünïcødé\n";

    private static MultipartFormDataContent Form(string csv, string fileName = "gut study.csv", string description = "pilot", string origin = "lab A")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(description), "description" },
            { new StringContent(origin), "origin" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }

    /// <summary>As upload.js does it: token in a header, JSON back, body streamed.</summary>
    private static async Task<HttpResponseMessage> ScriptUploadAsync(BrowserSession browser, MultipartFormDataContent form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/upload") { Content = form };
        request.Headers.Add("RequestVerificationToken", await browser.GetAntiforgeryTokenAsync("/dashboard/upload"));
        request.Headers.Accept.ParseAdd("application/json");
        return await browser.Client.SendAsync(request);
    }

    private static async Task<long> MetadataRowsAsync(string email)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM _realtime.metadata_tables m JOIN auth.users u ON u.id = m.user_id WHERE u.email = @email", new { email });
    }

    [Fact]
    public async Task A_plain_form_upload_redirects_to_the_dashboard_which_lists_the_dataset()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostMultipartAsync("/dashboard/upload", Form(Csv));
        var dashboard = await browser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var row = dashboard.QuerySelector("#datasets tbody tr");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard?uploaded=", response.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.True(dashboard.QuerySelector("#uploaded") is not null, dashboard.DocumentElement.OuterHtml);
        Assert.Contains("gut study", dashboard.QuerySelector("#uploaded")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("gut study", row?.QuerySelector(".name")?.ChildNodes[0].TextContent.Trim());
        Assert.Equal(("pilot", "lab A", "2", "4", "1"), (row?.QuerySelector(".description")?.TextContent, row?.QuerySelector(".origin")?.TextContent,
            row?.QuerySelector(".rows")?.TextContent, row?.QuerySelector(".columns")?.TextContent, row?.QuerySelector(".tables")?.TextContent));
    }

    [Fact]
    public async Task A_script_upload_is_visible_at_once_and_downloads_with_the_original_header()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await browser.GetDocumentAsync("/dashboard/search"); // fills the 60 s table cache
        using var response = await ScriptUploadAsync(browser, Form(Csv));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var table = json.RootElement.GetProperty("tables")[0].GetString()!;
        var search = await browser.GetDocumentAsync("/dashboard/search");
        using var zipResponse = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "bacteroides" }, "/dashboard/display");
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single().Open());
        var records = CsvRecords.Parse(await reader.ReadToEndAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, json.RootElement.GetProperty("rows").GetInt64());
        Assert.Contains(table, search.QuerySelectorAll("#tables li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["Sample ID", "Bacteroides (%)", "x'); DROP TABLE users;--", "note"], records[0]);
        Assert.Equal(["12", "a", "semi;colon \"quoted\""], records[1][1..]);
        Assert.Equal(64, records[1][0].Length); // the id is stored hashed
        Assert.Equal("ünïcødé", records[2][3]);
    }

    [Theory]
    [InlineData("data.pdf", "id,a\n1,2\n", "cannot be uploaded")]
    [InlineData("empty.csv", "", "empty")]
    [InlineData("header.csv", "id,a\n", "header")]
    [InlineData("ragged.csv", "id,a\n1,2\n3\n4,5,6\n", "3, 4")]
    [InlineData("ids.csv", "id,a\n,2\n", "id")]
    public async Task Bad_input_gets_400_with_a_message_and_writes_nothing(string fileName, string csv, string mentions)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostMultipartAsync("/dashboard/upload", Form(csv, fileName));
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentions, page.QuerySelector("#upload-error")?.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await MetadataRowsAsync(browser.Email!));
    }

    [Fact]
    public async Task A_streamed_upload_with_an_early_bad_row_is_refused_with_its_line_and_nothing_stored()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        // Far larger than the pipe between receiving and checking, so the check stops the copy early.
        var csv = new StringBuilder("id,a,b\n1,2,3\n4,5\n");
        for (var i = 0; i < 400_000; i++) csv.Append('s').Append(i).Append(",1,2\n");
        using var response = await ScriptUploadAsync(browser, Form(csv.ToString(), "big.csv"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 3", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await MetadataRowsAsync(browser.Email!));
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.Client.PostAsync("/dashboard/upload", Form(Csv));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await MetadataRowsAsync(browser.Email!));
    }

    [Fact]
    public async Task Two_users_uploading_the_same_file_name_get_two_datasets()
    {
        using var a = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var b = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var ra = await ScriptUploadAsync(a, Form(Csv, "same.csv"));
        using var rb = await ScriptUploadAsync(b, Form(Csv, "same.csv"));
        var ta = JsonDocument.Parse(await ra.Content.ReadAsStringAsync()).RootElement.GetProperty("tables")[0].GetString();
        var tb = JsonDocument.Parse(await rb.Content.ReadAsStringAsync()).RootElement.GetProperty("tables")[0].GetString();

        Assert.NotEqual(ta, tb);
        Assert.Equal(1, await MetadataRowsAsync(a.Email!));
        Assert.Equal(1, await MetadataRowsAsync(b.Email!));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_gets_a_clear_message()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Upload:MaxFileSizeBytes"] = "64" });
        using var browser = await BrowserSession.RegisterAndSignInAsync(factory);
        using var response = await ScriptUploadAsync(browser, Form("id,a\n" + string.Concat(Enumerable.Repeat("1,2\n", 100))));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await MetadataRowsAsync(browser.Email!));
    }
}

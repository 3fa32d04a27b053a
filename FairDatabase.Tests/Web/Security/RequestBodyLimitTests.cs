using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Security;

/// <summary>One app with a 1 MB file limit and its own staging folder, so leftovers can be seen.</summary>
public sealed class BodyLimitApp : IAsyncLifetime
{
    public string TempDirectory { get; } = Directory.CreateTempSubdirectory("fairdb-bodylimit-").FullName;

    public FairDbFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new FairDbFactory(new Dictionary<string, string?>
        {
            ["Upload:MaxFileSizeBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Upload:TempDirectory"] = TempDirectory,
        });
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(TempDirectory, recursive: true);
    }
}

/// <summary>
/// Every body is bounded before it is buffered: generated multi-GB bodies, sent chunked through
/// the real app, are answered 413 after the server has read only a little of them, and nothing
/// is stored or left on disk.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RequestBodyLimitTests(AppFixture fixture, BodyLimitApp app) : IClassFixture<BodyLimitApp>
{
    private const long FourGigabytes = 4L << 30;

    /// <summary>Far below what was sent: the server stopped reading near its limit (plus transport buffers).</summary>
    private const long ReadAtMost = 16L << 20;

    private readonly AppFixture _ = fixture;

    private static async Task<long> StoredDatasetsAsync(string email)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM fairdb.datasets d JOIN auth.users u ON u.id = d.user_id WHERE u.email = @email", new { email });
    }

    private static async Task<HttpResponseMessage> SendAsync(BrowserSession browser, string path, HttpContent body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.ParseAdd("application/json");
        return await browser.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task A_chunked_multi_gigabyte_description_field_is_answered_413_after_reading_little()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var token = await browser.GetAntiforgeryTokenAsync("/dashboard/upload");
        using var body = GeneratedBody.Multipart([], "description", null, FourGigabytes);

        using var response = await SendAsync(browser, "/dashboard/upload", body, token);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("'description' is longer than", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(body.Sent < ReadAtMost, $"The server read {body.Sent} bytes of the field.");
        Assert.Equal(0, await StoredDatasetsAsync(browser.Email!));
    }

    [Fact]
    public async Task A_multi_gigabyte_file_part_without_the_token_header_is_answered_413_and_nothing_is_kept()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var body = GeneratedBody.Multipart([("description", "big")], "file", "huge.csv", FourGigabytes);

        using var response = await SendAsync(browser, "/dashboard/upload", body);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than this server accepts", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(body.Sent < ReadAtMost, $"The server read {body.Sent} bytes.");
        Assert.Equal(0, await StoredDatasetsAsync(browser.Email!));
        Assert.Empty(Directory.EnumerateFileSystemEntries(app.TempDirectory));
    }

    [Fact]
    public async Task A_multi_gigabyte_file_with_a_valid_token_is_answered_413_and_leaves_no_staged_file()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var token = await browser.GetAntiforgeryTokenAsync("/dashboard/upload");
        using var body = GeneratedBody.Multipart([("__RequestVerificationToken", token)], "file", "huge.csv", FourGigabytes);

        using var response = await SendAsync(browser, "/dashboard/upload", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.Sent < ReadAtMost, $"The server read {body.Sent} bytes.");
        Assert.Equal(0, await StoredDatasetsAsync(browser.Email!));
        Assert.Empty(Directory.EnumerateFileSystemEntries(app.TempDirectory));
    }

    [Fact]
    public async Task A_file_sent_before_the_token_field_is_refused_with_400_and_not_stored()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var token = await browser.GetAntiforgeryTokenAsync("/dashboard/upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("id,x\na,1\n"), "file", "small.csv" },
            { new StringContent(token), "__RequestVerificationToken" },
        };

        using var response = await SendAsync(browser, "/dashboard/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredDatasetsAsync(browser.Email!));
    }

    [Fact]
    public async Task Any_other_page_answers_a_chunked_multi_gigabyte_form_with_413()
    {
        using var browser = new BrowserSession(app.Factory);
        await browser.GetDocumentAsync("/");
        using var body = new GeneratedBody("email=", FourGigabytes, "&password=x");
        body.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");

        using var response = await SendAsync(browser, "/auth/login", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.Sent < ReadAtMost, $"The server read {body.Sent} bytes.");
    }

    [Fact]
    public async Task A_long_text_field_in_a_workflow_form_is_answered_413_after_reading_little()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var token = await browser.GetAntiforgeryTokenAsync("/data/data_generalization");
        using var body = GeneratedBody.Multipart([("__RequestVerificationToken", token)], "submit_button", null, FourGigabytes);

        using var response = await SendAsync(browser, "/data/data_generalization", body);
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("'submit_button' is longer than", page.Body?.TextContent, StringComparison.Ordinal);
        Assert.True(body.Sent < ReadAtMost, $"The server read {body.Sent} bytes.");
        Assert.Empty(Directory.EnumerateFileSystemEntries(app.TempDirectory));
    }
}

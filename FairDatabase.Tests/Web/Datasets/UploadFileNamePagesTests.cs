using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>
/// Which file names the upload page takes, an upload without a file, and that downloads are
/// offered as attachments (FAIRDatabase's allowed_file and upload-form tests, through the real app).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class UploadFileNamePagesTests(AppFixture fixture)
{
    private const string Csv = "sample,count\nS1,3\nS2,4\n";

    private static MultipartFormDataContent Form(string? fileName, string csv = Csv)
    {
        var form = new MultipartFormDataContent { { new StringContent("d"), "description" }, { new StringContent("o"), "origin" } };
        if (fileName is null) return form;
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }

    private static async Task<List<string>> DatasetNamesAsync(string email)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return (await admin.QueryAsync<string>(
            "SELECT DISTINCT m.main_table FROM _realtime.metadata_tables m JOIN auth.users u ON u.id = m.user_id WHERE u.email = @email",
            new { email })).ToList();
    }

    [Theory]
    [InlineData("data.CSV", "data")]
    [InlineData("data.Csv", "data")]
    [InlineData("a.b.csv", "a.b")]
    [InlineData("/path/to/file.csv", "file")] // browsers may send the client's path: only the last segment counts
    [InlineData("..\\data\\dataset.csv", "dataset")]
    public async Task Csv_names_in_any_case_and_with_inner_dots_are_accepted(string fileName, string datasetName)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostMultipartAsync("/dashboard/upload", Form(fileName));
        var dashboard = await browser.GetDocumentAsync(response.Headers.Location?.OriginalString ?? "/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(datasetName, dashboard.QuerySelector("#datasets tbody tr .name")?.ChildNodes[0].TextContent.Trim());
        Assert.Single(await DatasetNamesAsync(browser.Email!));
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data.")]
    [InlineData("data.csvv")]
    [InlineData("data.cs")]
    [InlineData("data.xlsx")]
    public async Task Other_names_are_refused_with_a_message_and_nothing_is_stored(string fileName)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostMultipartAsync("/dashboard/upload", Form(fileName));
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(".csv", page.QuerySelector("#upload-error")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await DatasetNamesAsync(browser.Email!));
    }

    [Fact]
    public async Task An_upload_without_a_file_answers_400_with_its_message()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostMultipartAsync("/dashboard/upload", Form(null));
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The wording lists the accepted kinds, which grow; the request to choose a file stays.
        Assert.StartsWith("Choose a", page.QuerySelector("#upload-error")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("file to upload", page.QuerySelector("#upload-error")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await DatasetNamesAsync(browser.Email!));
    }

    [Fact]
    public async Task Downloads_are_offered_as_attachments()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using (var upload = await browser.PostMultipartAsync("/dashboard/upload", Form("counts.csv")))
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        using var zip = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "count" }, "/dashboard/display");
        using var workflow = await StartWorkflowAsync(browser);
        using var csv = await browser.Client.GetAsync("/data/download");

        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("attachment", zip.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".zip", zip.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> StartWorkflowAsync(BrowserSession browser)
    {
        var content = Form("people.csv");
        content.Add(new StringContent("submit_file"), "submit_button");
        var response = await browser.PostMultipartAsync("/data/data_generalization", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>
/// The generalization workflow's own CSV upload: which file names it takes, and what its reader
/// refuses. A refusal is a 400 with the reason and leaves no working copy behind.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkflowInputRefusalTests(AppFixture fixture)
{
    private const string GoodCsv = "id,age,sex\n1,34,F\n2,61,M\n";

    private static async Task<HttpResponseMessage> UploadAsync(BrowserSession browser, byte[] body, string fileName)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(body);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        content.Add(new StringContent("submit_file"), "submit_button");
        return await browser.PostMultipartAsync(AnonPages.Workflow, content);
    }

    private static async Task AssertNoWorkingCopyAsync(BrowserSession browser)
    {
        using var download = await browser.Client.GetAsync("/data/download");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        var page = await browser.GetDocumentAsync(AnonPages.Workflow);
        Assert.Equal(1, AnonPages.Step(page));
    }

    [Theory]
    [InlineData("data.CSV")]
    [InlineData("data.Csv")]
    [InlineData("a.b.csv")]
    [InlineData("../data/dataset.csv")]
    public async Task Csv_names_in_any_case_and_with_inner_dots_start_the_workflow(string fileName)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var page = await AnonPages.Ok(UploadAsync(browser, Encoding.UTF8.GetBytes(GoodCsv), fileName));

        Assert.Equal(2, AnonPages.Step(page));
        Assert.Equal([["id", "age", "sex"], ["1", "34", "F"], ["2", "61", "M"]], await browser.DownloadAsync());
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data.")]
    [InlineData("data.csvv")]
    [InlineData("data.cs")]
    [InlineData("data.xlsx")]
    [InlineData("table.biom")]
    [InlineData("table.qza")]
    public async Task Other_names_are_refused_with_a_400_and_no_working_copy(string fileName)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await UploadAsync(browser, Encoding.UTF8.GetBytes(GoodCsv), fileName);
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(".csv", AnonPages.Message(page), StringComparison.Ordinal);
        await AssertNoWorkingCopyAsync(browser);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("id,age,sex\n", "no data rows")]
    [InlineData("id,age,sex\n1,34,F\n2,61\n3,70,F,extra\n", "3, 4")] // the ragged lines, by number
    [InlineData("id,age,sex\n1,34,F\n2,\"61,M\n3,70,F\n", "quot")] // an unterminated quote
    [InlineData("id,,sex\n1,34,F\n", "name")]
    [InlineData("id, ,sex\n1,34,F\n", "name")]
    [InlineData("id,age,age\n1,34,35\n", "'age'")]
    public async Task Files_the_reader_cannot_use_are_refused_with_a_400_and_no_working_copy(string csv, string reason)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await UploadAsync(browser, Encoding.UTF8.GetBytes(csv), "input.csv");
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Key words only, so that rewording the reader's messages does not break the test.
        Assert.Contains(reason, AnonPages.Message(page), StringComparison.OrdinalIgnoreCase);
        await AssertNoWorkingCopyAsync(browser);
    }
}

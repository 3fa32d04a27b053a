using System.Net;
using System.Text;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>The workflow's own CSV upload follows Upload:MaxFileSizeBytes and says so when a file is too big.</summary>
[Collection(AppCollection.Name)]
public sealed class WorkflowUploadLimitTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    [Fact]
    public async Task A_file_over_the_limit_gets_a_413_page_with_a_message_and_no_working_copy()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Upload:MaxFileSizeBytes"] = "1024" });
        using var browser = await BrowserSession.RegisterAndSignInAsync(factory);
        var csv = new StringBuilder("id,age\n");
        while (csv.Length < (2 << 20)) csv.Append("someone,42\n"); // past the limit plus the 1 MB allowed for the form

        using var response = await browser.UploadCsvAsync(csv.ToString());
        var page = await BrowserSession.ParseAsync(response);
        var workflow = await browser.GetDocumentAsync(AnonPages.Workflow);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than this server accepts", page.QuerySelector("main .alert")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(workflow.QuerySelector("input[type=file][name=file]")); // still at the first step
    }

    [Fact]
    public async Task A_file_within_the_limit_starts_the_workflow()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Upload:MaxFileSizeBytes"] = "1024" });
        using var browser = await BrowserSession.RegisterAndSignInAsync(factory);
        using var response = await browser.UploadCsvAsync(AnonPages.PeopleCsv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

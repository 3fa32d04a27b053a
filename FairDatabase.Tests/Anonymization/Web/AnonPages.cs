using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Anonymization.Web;

/// <summary>Posting the anonymization pages' forms as a browser would, antiforgery token included.</summary>
internal static class AnonPages
{
    public const string Workflow = "/data/data_generalization";

    /// <summary>Age 34/35 and 61/62 in pairs, so generalizing age to decades gives classes of two.</summary>
    public const string PeopleCsv =
        "name,age,sex,notes,diagnosis\n" +
        "Ann,34,F,,flu\nBob,35,F,x,cold\nCid,61,M,,flu\nDee,62,M,,cold\nEve,70,F,y,flu\n";

    /// <summary>
    /// Posts url-encoded fields (keys may repeat, as multi-selects send them) with the antiforgery
    /// token of the form that posts to <paramref name="action"/> on its page. When the page does not
    /// show that form now (a stale tab, a step out of turn) the session's token from another form
    /// is used, as a browser holding an older page would send.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(this BrowserSession browser, string action, params (string Name, string Value)[] fields)
    {
        var page = action.StartsWith("/data/", StringComparison.Ordinal) && action != "/data/p29score" ? Workflow : action;
        string token;
        try
        {
            token = await browser.GetAntiforgeryTokenAsync(page, action);
        }
        catch (InvalidOperationException)
        {
            token = await browser.GetAntiforgeryTokenAsync(page, "/auth/logout");
        }
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(all);
        return await browser.Client.PostAsync(action, content);
    }

    public static async Task<HttpResponseMessage> UploadCsvAsync(this BrowserSession browser, string csv, string fileName = "people.csv")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        content.Add(new StringContent("submit_file"), "submit_button");
        return await browser.PostMultipartAsync(Workflow, content);
    }

    /// <summary>Upload, drop name, drop notes, quasi-identifiers age and sex: the mapping step for age.</summary>
    public static async Task ReachMappingAsync(this BrowserSession browser)
    {
        await Ok(browser.UploadCsvAsync(PeopleCsv));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "name")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values"), ("columns_to_drop", "notes")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "age"), ("quasi_identifiers", "sex")));
    }

    public static async Task<IHtmlDocument> Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var doc = await BrowserSession.ParseAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {doc.QuerySelector("#message")?.TextContent}");
        return doc;
    }

    public static int Step(IHtmlDocument doc) =>
        int.Parse(doc.QuerySelector("#step")!.GetAttribute("data-step")!, CultureInfo.InvariantCulture);

    public static string Message(IHtmlDocument doc) => doc.QuerySelector("#message")?.TextContent.Trim() ?? "";

    public static async Task<List<string[]>> DownloadAsync(this BrowserSession browser)
    {
        using var response = await browser.Client.GetAsync("/data/download");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return CsvRecords.Parse(await response.Content.ReadAsStringAsync());
    }

    public static async Task<Guid> UserIdAsync(this BrowserSession browser)
    {
        await using var c = await TestDatabase.OpenAdminAsync();
        return await c.ExecuteScalarAsync<Guid>("SELECT id FROM auth.users WHERE email = @email", new { email = browser.Email });
    }
}

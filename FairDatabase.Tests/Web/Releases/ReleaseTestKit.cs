using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>Anonymized datasets made through the real workflow pages, and the release form posted as a browser would.</summary>
internal static class ReleaseTestKit
{
    /// <summary>Ten rows, five per sex: on the quasi-identifier sex every class has 5 rows (prosecutor risk 0.2).</summary>
    public const string BalancedCsv =
        "name,sex,diagnosis\nA,F,flu\nB,F,cold\nC,F,flu\nD,F,cold\nE,F,flu\nF,M,flu\nG,M,cold\nH,M,flu\nI,M,cold\nJ,M,flu\n";

    /// <summary>people.csv with age generalized to decades: classes (30s,F) 2, (60s,M) 2, (70s,F) 1.</summary>
    public static async Task<Guid> SaveGeneralizedPeopleAsync(this BrowserSession browser, string name)
    {
        await browser.ReachMappingAsync();
        await MapAgeToDecadesThenSaveAsync(browser, name);
        return await DatasetIdAsync(browser, name);
    }

    /// <summary>The balanced table, quasi-identifier sex left as it is.</summary>
    public static async Task<Guid> SaveBalancedAsync(this BrowserSession browser, string name)
    {
        await Ok(browser.UploadCsvAsync(BalancedCsv, "balanced.csv"));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "name")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "sex")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping")));
        await Ok(browser.PostAsync("/data/save_dataset", ("dataset_name", name)));
        return await DatasetIdAsync(browser, name);
    }

    public static async Task MapAgeToDecadesThenSaveAsync(BrowserSession browser, string name)
    {
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"),
            ("mapping_34", "30s"), ("mapping_35", "30s"), ("mapping_61", "60s"), ("mapping_62", "60s"), ("mapping_70", "70s")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping")));
        await Ok(browser.PostAsync("/data/save_dataset", ("dataset_name", name)));
    }

    public static async Task<Guid> DatasetIdAsync(BrowserSession browser, string name)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<Guid>("SELECT id FROM fairdb.datasets WHERE user_id = @user AND display_name = @name",
            new { user = await browser.UserIdAsync(), name });
    }

    public static async Task<HttpResponseMessage> PostReleaseAsync(this BrowserSession browser, Guid datasetId, string? title = "Study release",
        string license = "CC-BY-4.0", string visibility = "private", string keywords = "microbiome, gut")
    {
        var fields = new Dictionary<string, string>
        {
            ["description"] = "Generalized ages",
            ["creators"] = "Ada Lovelace\nAlan Turing",
            ["license"] = license,
            ["keywords"] = keywords,
            ["visibility"] = visibility,
        };
        if (title is not null) fields["title"] = title;
        return await browser.PostFormAsync($"/datasets/{datasetId}/release", fields);
    }

    /// <summary>Creates a release and returns its id (from the redirect to its landing page).</summary>
    public static async Task<Guid> CreateReleaseAsync(this BrowserSession browser, Guid datasetId, string visibility = "private", string title = "Study release")
    {
        using var response = await browser.PostReleaseAsync(datasetId, title, visibility: visibility);
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: {(await BrowserSession.ParseAsync(response)).QuerySelector("#message")?.TextContent}");
        Assert.StartsWith("/releases/", location, StringComparison.Ordinal);
        return Guid.Parse(location["/releases/".Length..]);
    }

    /// <summary>Posts with the session's antiforgery token taken from another form (the sign-out button), as a browser holding an old page would.</summary>
    public static async Task<HttpResponseMessage> PostWithSessionTokenAsync(this BrowserSession browser, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await browser.GetAntiforgeryTokenAsync("/releases", "/auth/logout");
        using var content = new FormUrlEncodedContent(fields);
        return await browser.Client.PostAsync(action, content);
    }

    public static async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetAsync(this BrowserSession browser, string path)
    {
        using var response = await browser.Client.GetAsync(path);
        return (response.StatusCode, await BrowserSession.ParseAsync(response));
    }

    public static string Text(this IHtmlDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? "";
}

using System.Net;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>User B tries user A's table names, column names and row ids on every page and learns nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class TenantIsolationTests(AppFixture fixture)
{
    [Fact]
    public async Task Another_user_learns_nothing_through_any_dashboard_page()
    {
        using var a = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var b = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var column = "secretcol_" + Guid.NewGuid().ToString("N")[..8];
        var table = await TestTables.CreateAsync(await TestUsers.IdOfAsync(a.Email!), [column], ["s1", "confidential-value"]);

        using var previewOfA = await b.Client.GetAsync("/dashboard/table_preview?table_name=" + table);
        using var previewOfNothing = await b.Client.GetAsync("/dashboard/table_preview?table_name=" + table + "_nope");
        var listing = await (await b.Client.GetAsync("/dashboard/search")).Content.ReadAsStringAsync();
        using var search = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column });
        using var display = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column }, "/dashboard/display");
        using var update = await b.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = "1", ["column_name"] = column, ["new_value"] = "tampered" }, "/dashboard/update");
        var searchHtml = await search.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, previewOfA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, previewOfNothing.StatusCode);
        var messageForMissing = Message(await previewOfNothing.Content.ReadAsStringAsync(), table + "_nope");
        Assert.NotEmpty(messageForMissing);
        Assert.Equal(messageForMissing, Message(await previewOfA.Content.ReadAsStringAsync(), table));
        Assert.DoesNotContain(table, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(table, searchHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, display.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.DoesNotContain("confidential-value", await previewOfA.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ownView = await a.GetDocumentAsync("/dashboard/table_preview?table_name=" + table);
        Assert.Contains("confidential-value", ownView.QuerySelectorAll("#preview td").Select(td => td.TextContent));
    }

    /// <summary>What the page says, with the asked-for name blanked out, so two answers can be compared.</summary>
    private static string Message(string html, string askedFor)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var alert = doc.QuerySelector("main .alert");
        alert?.QuerySelector("code")?.Remove(); // the request id differs per request
        return (alert?.TextContent ?? "").Replace(askedFor, "", StringComparison.Ordinal).Trim();
    }
}

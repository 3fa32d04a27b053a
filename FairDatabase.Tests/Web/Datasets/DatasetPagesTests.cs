using System.IO.Compression;
using System.Net;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>The /dashboard/* browse pages through the real app, as a signed-in browser uses them.</summary>
[Collection(AppCollection.Name)]
public sealed class DatasetPagesTests(AppFixture fixture)
{
    private async Task<(BrowserSession Browser, Guid UserId)> SignedInAsync()
    {
        var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        return (browser, await TestUsers.IdOfAsync(browser.Email!));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_sign_in_page()
    {
        using var browser = new BrowserSession(fixture.Factory);
        foreach (var path in new[] { "/dashboard/search", "/dashboard/table_preview?table_name=x" })
        {
            using var response = await browser.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Search_lists_the_tables_finds_by_column_and_remembers_the_term()
    {
        var (browser, user) = await SignedInAsync();
        using var _ = browser;
        var gut = await TestTables.CreateAsync(user, ["Bacteroides_fragilis", "age"], ["s1", "5", "40"]);
        var skin = await TestTables.CreateAsync(user, ["staphylococcus"], ["s1", "7"]);

        var listing = await browser.GetDocumentAsync("/dashboard/search");
        var listed = listing.QuerySelectorAll("#tables li").Select(li => li.TextContent.Trim()).ToList();
        using var response = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "BACTEROIDES" });
        var found = await BrowserSession.ParseAsync(response);

        Assert.Equal(new[] { gut, skin }.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([gut], found.QuerySelectorAll("#matches li").Select(li => li.TextContent.Trim()));
        Assert.Equal("BACTEROIDES", found.QuerySelector("#search")?.GetAttribute("value"));
    }

    [Fact]
    public async Task An_empty_search_is_answered_400_with_a_message()
    {
        var (browser, _) = await SignedInAsync();
        using var _b = browser;
        using var response = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "  " });
        var doc = await BrowserSession.ParseAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("column name", doc.QuerySelector("#message")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Display_returns_a_zip_with_one_csv_per_matching_table_and_404_when_nothing_matches()
    {
        var (browser, user) = await SignedInAsync();
        using var _ = browser;
        var t1 = await TestTables.CreateAsync(user, ["shared_taxon", "note"], ["s1", "1", "a \"quoted\", value\nwith newline"]);
        var t2 = await TestTables.CreateAsync(user, ["shared_taxon"], ["s2", "2"]);

        using var zipResponse = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "shared" }, "/dashboard/display");
        using var none = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "no-such-column" }, "/dashboard/display");

        Assert.True(zipResponse.StatusCode == HttpStatusCode.OK, await zipResponse.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await zipResponse.Content.ReadAsStreamAsync());
        Assert.Equal(new[] { t1 + ".csv", t2 + ".csv" }.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry(t1 + ".csv")!.Open());
        var records = CsvRecords.Parse(await reader.ReadToEndAsync());
        Assert.Equal(["patient_id", "shared_taxon", "note"], records[0]);
        Assert.Equal(["s1", "1", "a \"quoted\", value\nwith newline"], records[1]);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Table_preview_needs_a_name_and_shows_rows_and_counts()
    {
        var (browser, user) = await SignedInAsync();
        using var _ = browser;
        var table = await TestTables.CreateAsync(user, ["taxon_a", "taxon_b"], ["s1", "1", "2"], ["s2", "3", "4"]);

        using var missingName = await browser.Client.GetAsync("/dashboard/table_preview");
        var doc = await browser.GetDocumentAsync("/dashboard/table_preview?table_name=" + table);

        Assert.Equal(HttpStatusCode.BadRequest, missingName.StatusCode);
        Assert.Equal("2", doc.QuerySelector("#row-count")?.TextContent);
        Assert.Equal("3", doc.QuerySelector("#column-count")?.TextContent);
        Assert.Equal(2, doc.QuerySelectorAll("#preview tbody tr").Length);
    }

    [Theory]
    [InlineData("abc", "site", "x", HttpStatusCode.BadRequest, "whole number")]
    [InlineData("1", "user_id", "x", HttpStatusCode.BadRequest, "cannot be changed")]
    [InlineData("1", "rowid", "7", HttpStatusCode.BadRequest, "cannot be changed")]
    [InlineData("1", "patient_id", "x", HttpStatusCode.BadRequest, "id column")]
    [InlineData("999999", "site", "x", HttpStatusCode.NotFound, "No row")]
    [InlineData("1", "no_such_column", "x", HttpStatusCode.NotFound, "No row")]
    public async Task Update_validates_its_input(string rowId, string column, string value, HttpStatusCode status, string message)
    {
        var (browser, user) = await SignedInAsync();
        using var _ = browser;
        await TestTables.CreateAsync(user, ["site"], ["s1", "gut"]);
        using var response = await browser.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = rowId, ["column_name"] = column, ["new_value"] = value }, "/dashboard/update");
        var doc = await BrowserSession.ParseAsync(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, doc.QuerySelector("#message")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_changes_the_cell()
    {
        var (browser, user) = await SignedInAsync();
        using var _ = browser;
        var table = await TestTables.CreateAsync(user, ["site"], ["s1", "gut"]);
        using var response = await browser.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = "1", ["column_name"] = "site", ["new_value"] = "skin" }, "/dashboard/update");
        var doc = await browser.GetDocumentAsync("/dashboard/table_preview?table_name=" + table);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("skin", doc.QuerySelectorAll("#preview td").Select(td => td.TextContent));
    }
}

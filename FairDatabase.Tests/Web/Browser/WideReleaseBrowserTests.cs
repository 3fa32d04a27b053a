using FairDatabase.Tests.Infrastructure;
using FairDatabase.Tests.Web.Releases;
using Microsoft.Playwright;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>A public release of a 2,003-column table in Chromium: the column list stays folded until opened.</summary>
[Collection(RealBrowserCollection.Name)]
public sealed class WideReleaseBrowserTests(RealBrowserFixture fixture)
{
    [Fact]
    public async Task A_visitor_sees_the_column_summary_and_opens_the_full_list()
    {
        // Made through the in-memory app on the same database (the session client speaks to an in-memory server).
        await using var app = new FairDbFactory();
        using var owner = await BrowserSession.RegisterAndSignInAsync(app);
        var releaseId = await WideReleasePageTests.ReleaseWideAsync(owner, taxa: 2000, visibility: "public");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/releases/{releaseId}");
        var last = page.Locator("#fields-all li").Last;
        Assert.False(await last.IsVisibleAsync());
        await RealBrowserFixture.ScreenshotAsync(page, "wide-release-folded");
        await page.ClickAsync("#fields-all summary");

        Assert.True(await last.IsVisibleAsync());
        Assert.StartsWith("otu2000", await last.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.StartsWith("2,003 columns: 2,000 numeric", await page.TextContentAsync("#fields-summary") ?? "", StringComparison.Ordinal);
        await RealBrowserFixture.ScreenshotAsync(page, "wide-release-open");
        Assert.DoesNotContain("\"copy\"", await page.TextContentAsync("#recipe-json") ?? "", StringComparison.Ordinal); // no internal names published

        // data.csv joins the dataset's two chunk tables (2,003 columns: more than one query may name).
        var lines = (await owner.Client.GetStringAsync($"/releases/{releaseId}/data.csv")).TrimEnd('\n').Split('\n');
        Assert.Equal(11, lines.Length);
        Assert.All(lines, line => Assert.Equal(2003, line.Split(',').Length));
        Assert.Equal("otu2000", lines[0].Split(',')[^1]);
        var p3 = lines[4].Split(','); // the fourth row, P3: F, cold, otu t = 3·t % 7
        Assert.Equal(["F", "cold", "2", "1"], [p3[1], p3[2], p3[1202], p3[^1]]);
    }
}

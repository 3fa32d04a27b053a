using FairDatabase.Tests.Explore;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>The explore pages in Chromium: the charts are really drawn from the JSON endpoints.</summary>
[Collection(RealBrowserCollection.Name)]
public sealed class ExploreBrowserTests(RealBrowserFixture fixture)
{
    // Counts the canvas pixels that are neither white nor transparent: a drawn chart has many.
    private const string InkedPixels =
        """
        id => {
          const c = document.getElementById(id);
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let inked = 0;
          for (let i = 0; i < data.length; i += 4)
            if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) inked++;
          return inked;
        }
        """;

    [Fact]
    public async Task The_diversity_page_draws_the_pcoa_alpha_and_top_feature_charts()
    {
        var email = BrowserSession.NewEmail();
        var page = await fixture.NewSignedInPageAsync(email);
        var dataset = await ExploreTables.ImportAsync(await TestUsers.IdOfAsync(email));

        await page.GotoAsync($"/datasets/{dataset.DatasetId}/diversity?exclude=age&group=site");
        await page.WaitForSelectorAsync("#top-chart[data-drawn=true]");
        await RealBrowserFixture.ScreenshotAsync(page, "explore-diversity");

        foreach (var chart in new[] { "pcoa-chart", "alpha-chart", "top-chart" })
            Assert.True(await page.EvaluateAsync<int>(InkedPixels, chart) > 500, chart + " is drawn");
        Assert.Contains("4 samples", await page.TextContentAsync("#diversity-status"), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-chart=pcoa-chart]"));
        Assert.Equal("pcoa.png", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dataset_page_draws_the_histogram_and_a_bad_request_shows_its_message()
    {
        var email = BrowserSession.NewEmail();
        var page = await fixture.NewSignedInPageAsync(email);
        var dataset = await ExploreTables.ImportAsync(await TestUsers.IdOfAsync(email));

        await page.GotoAsync($"/datasets/{dataset.DatasetId}");
        await page.WaitForSelectorAsync("#column-histogram[data-drawn=true]");
        await RealBrowserFixture.ScreenshotAsync(page, "explore-dataset");
        Assert.True(await page.EvaluateAsync<int>(InkedPixels, "column-histogram") > 500);

        await page.GotoAsync($"/datasets/{dataset.DatasetId}/diversity?metric=jaccard");
        await page.WaitForSelectorAsync("#diversity-error:not(.d-none)");
        Assert.Contains("jaccard", await page.TextContentAsync("#diversity-error"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}

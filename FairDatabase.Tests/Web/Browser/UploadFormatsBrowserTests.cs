using System.Text;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>The upload page's script in Chromium sends the orientation and encoding choices with the file.</summary>
[Collection(RealBrowserCollection.Name)]
public sealed class UploadFormatsBrowserTests(RealBrowserFixture fixture)
{
    [Fact]
    public async Task The_script_sends_the_chosen_orientation_and_the_dashboard_shows_what_was_detected()
    {
        var page = await fixture.NewSignedInPageAsync();
        await page.GotoAsync("/dashboard/upload");
        await page.SelectOptionAsync("#orientation", "columns");
        await page.SelectOptionAsync("#encoding", "utf-8");
        await page.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "wide.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("taxon,P1,P2\nBacteroides,1,2\nPrevotella,3,4\n"),
        });
        await page.ClickAsync("#upload-button");
        await page.WaitForURLAsync("**/dashboard?uploaded=*");
        var detected = await page.Locator("#detected-format").TextContentAsync();
        await RealBrowserFixture.ScreenshotAsync(page, "upload-detected-format");

        Assert.Contains("encoding utf-8; orientation columns, transposed so that each row is a sample", detected, StringComparison.Ordinal);
        Assert.Equal("2", await page.Locator("#datasets tbody tr .rows").First.TextContentAsync());
        await page.Context.CloseAsync();
    }
}

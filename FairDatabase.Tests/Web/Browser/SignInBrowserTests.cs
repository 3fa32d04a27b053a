using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>The real-browser set-up itself: Chromium registers, signs in and reaches the dashboard through the forms.</summary>
[Collection(RealBrowserCollection.Name)]
public sealed class SignInBrowserTests(RealBrowserFixture fixture)
{
    [Fact]
    public async Task A_new_account_signs_in_through_the_forms_and_sees_its_empty_dashboard()
    {
        var page = await fixture.NewSignedInPageAsync();
        await RealBrowserFixture.ScreenshotAsync(page, "dashboard-empty");

        Assert.EndsWith("/dashboard", new Uri(page.Url).AbsolutePath);
        var uploadLinks = await page.Locator("a[href='/dashboard/upload']").CountAsync();
        Assert.True(uploadLinks > 0, "An empty dashboard leads to the upload page.");
        await page.Context.CloseAsync();
    }
}

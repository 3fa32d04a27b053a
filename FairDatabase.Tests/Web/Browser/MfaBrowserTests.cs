using FairDatabase.Tests.Infrastructure;
using OtpNet;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>Two-step sign-in through the real pages in Chromium: the QR image is shown under the CSP and the forms work.</summary>
[Collection(RealBrowserCollection.Name)]
public sealed class MfaBrowserTests(RealBrowserFixture fixture)
{
    [Fact]
    public async Task Setting_up_shows_the_QR_image_and_a_recovery_code_completes_the_next_sign_in()
    {
        var email = BrowserSession.NewEmail();
        var page = await fixture.NewSignedInPageAsync(email);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };

        await page.GotoAsync("/account/sessions");
        await page.ClickAsync("#mfa-link");
        await page.ClickAsync("form[action='/account/mfa/enrol'] button");
        await page.WaitForSelectorAsync("#qr-code");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#qr-code').complete && document.querySelector('#qr-code').naturalWidth > 100"));
        await RealBrowserFixture.ScreenshotAsync(page, "mfa-enrol");
        var secret = await page.Locator("#totp-secret").InnerTextAsync();
        await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("form[action='/account/mfa/verify'] button");
        var recovery = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        Assert.Equal(10, recovery.Count);

        await page.ClickAsync("nav form button[type=submit]"); // sign out
        await page.GotoAsync("/auth/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", BrowserSession.DefaultPassword);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/auth/mfa");
        await page.FillAsync("#code", recovery[0]);
        await page.ClickAsync("form[action='/auth/mfa'] button");
        await page.WaitForURLAsync("**/dashboard**");

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}

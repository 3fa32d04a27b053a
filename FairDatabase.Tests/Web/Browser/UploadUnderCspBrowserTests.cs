using FairDatabase.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FairDatabase.Tests.Web.Browser;

/// <summary>The upload page's script works under the Content-Security-Policy, and the browser reports no violation.</summary>
[Collection(RealBrowserCollection.Name)]
public sealed class UploadUnderCspBrowserTests(RealBrowserFixture fixture)
{
    [Fact]
    public async Task The_upload_script_sends_the_file_with_progress_and_no_policy_violation()
    {
        var page = await fixture.NewSignedInPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        await page.GotoAsync("/dashboard/upload");
        var csp = await page.EvaluateAsync<string>("() => fetch(location.href).then(r => r.headers.get('content-security-policy'))");

        await page.FillAsync("#description", "browser upload");
        await page.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "browser.csv", MimeType = "text/csv", Buffer = "sample_id,Bacteroides\nS-1,12\nS-2,7\n"u8.ToArray(),
        });
        await page.ClickAsync("#upload-button");
        await page.WaitForURLAsync("**/dashboard?uploaded=**");

        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("browser", await page.Locator("#uploaded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }
}

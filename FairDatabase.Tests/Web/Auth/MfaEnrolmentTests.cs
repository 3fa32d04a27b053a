using System.Net;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Auth;

[Collection(AppCollection.Name)] // the shared app migrates the database first
public sealed class MfaEnrolmentTests(MfaAppFixture app) : IClassFixture<MfaAppFixture>
{
    [Fact]
    public async Task Enrolling_shows_the_QR_code_secret_and_uri_once_and_a_current_code_turns_MFA_on_with_ten_hashed_recovery_codes()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        Assert.Equal("Off", (await browser.GetDocumentAsync("/account/mfa")).QuerySelector("#mfa-state .badge")!.TextContent);

        var enrolled = await BrowserSession.ParseAsync(await browser.PostFormAsync("/account/mfa", new(), "/account/mfa/enrol"));
        var secret = enrolled.QuerySelector("#totp-secret")!.TextContent;
        Assert.Matches("^[A-Z2-7]{32}$", secret); // 160 bits in base32
        Assert.StartsWith("data:image/png;base64,", enrolled.QuerySelector("img#qr-code")!.GetAttribute("src"), StringComparison.Ordinal);
        var uri = enrolled.QuerySelector("#otpauth-uri")!.TextContent;
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains("secret=" + secret, uri, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(browser.Email!), uri, StringComparison.OrdinalIgnoreCase);

        var pending = await browser.Client.GetStringAsync("/account/mfa");
        Assert.DoesNotContain(secret, pending, StringComparison.Ordinal); // never rendered again

        var confirmed = await browser.PostFormAsync("/account/mfa", new() { ["code"] = app.NextCode(secret) }, "/account/mfa/verify");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var page = await BrowserSession.ParseAsync(confirmed);
        var codes = page.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent).ToArray();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", c));
        Assert.Equal("On", page.QuerySelector("#mfa-state .badge")!.TextContent);

        Assert.Equal("verified", await MfaAppFixture.ScalarAsync<string>(
            "SELECT f.status::text FROM auth.mfa_factors f JOIN auth.users u ON u.id = f.user_id WHERE u.email = @email", new { email = browser.Email }));
        var stored = await MfaAppFixture.ScalarAsync<string>(
            """
            SELECT string_agg(code_hash, ',') FROM fairdb_private.mfa_recovery_codes r JOIN auth.users u ON u.id = r.user_id
            WHERE u.email = @email
            """, new { email = browser.Email });
        Assert.Equal(10, stored.Split(',').Length);
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.Ordinal));
        Assert.DoesNotContain("recovery-codes", await browser.Client.GetStringAsync("/account/mfa")); // shown once
    }

    [Fact]
    public async Task Confirming_raises_this_session_to_aal2_and_ends_the_users_other_aal1_sessions()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var other = new BrowserSession(app.Factory);
        await other.SignInAsync(browser.Email!, BrowserSession.DefaultPassword);
        Assert.Equal("aal1", (await app.TokenClaimsAsync(browser)).GetProperty("aal").GetString());

        var secret = (await BrowserSession.ParseAsync(await browser.PostFormAsync("/account/mfa", new(), "/account/mfa/enrol")))
            .QuerySelector("#totp-secret")!.TextContent;
        await browser.PostFormAsync("/account/mfa", new() { ["code"] = app.NextCode(secret) }, "/account/mfa/verify");

        var claims = await app.TokenClaimsAsync(browser);
        Assert.Equal("aal2", claims.GetProperty("aal").GetString());
        Assert.Equal(["totp", "password"], MfaAppFixture.AmrMethods(claims));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/dashboard")).StatusCode);
        var theirs = await other.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        Assert.Equal("/", theirs.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_code_at_set_up_answers_400_with_a_message_and_leaves_MFA_off()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var secret = (await BrowserSession.ParseAsync(await browser.PostFormAsync("/account/mfa", new(), "/account/mfa/enrol")))
            .QuerySelector("#totp-secret")!.TextContent;
        var good = app.NextCode(secret);
        var wrong = MfaAppFixture.Wrong(good);

        var response = await browser.PostFormAsync("/account/mfa", new() { ["code"] = wrong }, "/account/mfa/verify");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await BrowserSession.ParseAsync(response);
        Assert.Contains("not right", page.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Off", page.QuerySelector("#mfa-state .badge")!.TextContent);
        Assert.DoesNotContain(secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var empty = await browser.PostFormAsync("/account/mfa", new() { ["code"] = "" }, "/account/mfa/verify");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter the 6-digit code", (await BrowserSession.ParseAsync(empty)).QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/mfa", new() { ["code"] = good }, "/account/mfa/verify")).StatusCode);
    }

    [Fact]
    public async Task Disabling_needs_a_current_code_and_afterwards_sign_in_asks_for_none()
    {
        var (browser, secret, _) = await app.UserWithMfaAsync();
        using var _b = browser;
        var noCode = await browser.PostFormAsync("/account/mfa", new() { ["code"] = "" }, "/account/mfa/disable");
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        var wrong = await browser.PostFormAsync("/account/mfa", new() { ["code"] = MfaAppFixture.Wrong(app.NextCode(secret)) }, "/account/mfa/disable");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("On", (await browser.GetDocumentAsync("/account/mfa")).QuerySelector("#mfa-state .badge")!.TextContent);

        var off = await browser.PostFormAsync("/account/mfa", new() { ["code"] = app.NextCode(secret) }, "/account/mfa/disable");
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal("Off", (await BrowserSession.ParseAsync(off)).QuerySelector("#mfa-state .badge")!.TextContent);
        Assert.Equal(0L, await MfaAppFixture.ScalarAsync<long>(
            "SELECT count(*) FROM fairdb_private.mfa_recovery_codes r JOIN auth.users u ON u.id = r.user_id WHERE u.email = @email", new { email = browser.Email }));

        using var again = new BrowserSession(app.Factory);
        Assert.Equal("/dashboard", (await again.SignInAsync(browser.Email!, BrowserSession.DefaultPassword)).Headers.Location?.OriginalString);
    }
}

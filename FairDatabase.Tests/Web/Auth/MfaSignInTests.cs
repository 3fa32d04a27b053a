using System.Net;
using FairDatabase.Core.Audit;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Auth;

[Collection(AppCollection.Name)] // the shared app migrates the database first
public sealed class MfaSignInTests(MfaAppFixture app) : IClassFixture<MfaAppFixture>
{
    private static async Task<BrowserSession> PasswordStepAsync(MfaAppFixture app, string email)
    {
        var browser = new BrowserSession(app.Factory);
        var signedIn = await browser.SignInAsync(email, BrowserSession.DefaultPassword);
        Assert.Equal("/auth/mfa", signedIn.Headers.Location?.OriginalString);
        return browser;
    }

    private static Task<HttpResponseMessage> SecondStepAsync(BrowserSession browser, string code) =>
        browser.PostFormAsync("/auth/mfa", new() { ["code"] = code });

    [Fact]
    public async Task Without_MFA_the_password_gives_a_full_aal1_session()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory); // asserts the redirect to /dashboard
        var claims = await app.TokenClaimsAsync(browser);
        Assert.Equal("aal1", claims.GetProperty("aal").GetString());
        Assert.Equal(["password"], MfaAppFixture.AmrMethods(claims));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/auth/mfa")).StatusCode); // nothing to do there
    }

    [Fact]
    public async Task With_MFA_the_password_step_opens_only_the_code_page_and_sign_out_and_a_current_code_gives_aal2()
    {
        var (owner, secret, _) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var browser = await PasswordStepAsync(app, owner.Email!);

        foreach (var page in new[] { "/dashboard", "/account/sessions", "/account/mfa" })
        {
            var refused = await browser.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/auth/mfa", refused.Headers.Location?.OriginalString);
        }
        Assert.Equal("aal1", (await app.TokenClaimsAsync(browser)).GetProperty("aal").GetString());

        var done = await SecondStepAsync(browser, app.NextCode(secret));
        Assert.Equal("/dashboard", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/dashboard")).StatusCode);
        var claims = await app.TokenClaimsAsync(browser);
        Assert.Equal("aal2", claims.GetProperty("aal").GetString());
        Assert.Equal(["totp", "password"], MfaAppFixture.AmrMethods(claims));
        Assert.Equal("aal2", await MfaAppFixture.ScalarAsync<string>(
            "SELECT aal FROM auth.sessions WHERE id = @id", new { id = Guid.Parse(claims.GetProperty("session_id").GetString()!) }));

        app.Clock.Advance(TimeSpan.FromHours(2)); // the refreshed tokens keep aal2 and amr
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal("aal2", (await app.TokenClaimsAsync(browser)).GetProperty("aal").GetString());
    }

    [Fact]
    public async Task A_half_signed_in_browser_can_sign_out_which_ends_its_session()
    {
        var (owner, _, _) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var browser = await PasswordStepAsync(app, owner.Email!);
        var sessionId = Guid.Parse((await app.TokenClaimsAsync(browser)).GetProperty("session_id").GetString()!);

        Assert.Equal("/", (await browser.PostFormAsync("/auth/mfa", new(), "/auth/logout")).Headers.Location?.OriginalString);
        Assert.Equal(0L, await MfaAppFixture.ScalarAsync<long>("SELECT count(*) FROM auth.sessions WHERE id = @sessionId", new { sessionId }));
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_a_replay_answers_400()
    {
        var (owner, secret, _) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var browser = await PasswordStepAsync(app, owner.Email!);
        var code = app.NextCode(secret);

        Assert.Equal("/dashboard", (await SecondStepAsync(browser, code)).Headers.Location?.OriginalString);
        var replay = await browser.PostFormAsync("/account/mfa", new() { ["code"] = code }, "/account/mfa/disable");
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        var page = await BrowserSession.ParseAsync(replay);
        Assert.Contains("already used", page.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("On", page.QuerySelector("#mfa-state .badge")!.TextContent);
    }

    [Fact]
    public async Task Completing_the_second_step_ends_the_users_other_half_sign_ins_but_not_full_sessions()
    {
        var (owner, secret, _) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var first = await PasswordStepAsync(app, owner.Email!);
        using var second = await PasswordStepAsync(app, owner.Email!);

        Assert.Equal("/dashboard", (await SecondStepAsync(first, app.NextCode(secret))).Headers.Location?.OriginalString);
        var late = await SecondStepAsync(second, app.NextCode(secret));
        Assert.Equal("/auth/login", late.Headers.Location?.OriginalString); // its aal1 session is gone: sign in again
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_user_out_for_five_minutes_even_with_the_right_code()
    {
        var (owner, secret, _) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var browser = await PasswordStepAsync(app, owner.Email!);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await SecondStepAsync(browser, MfaAppFixture.Wrong(app.NextCode(secret)));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        var limited = await SecondStepAsync(browser, app.NextCode(secret));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many wrong codes", (await BrowserSession.ParseAsync(limited)).QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await owner.PostFormAsync("/account/mfa", new() { ["code"] = app.NextCode(secret) }, "/account/mfa/disable")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("/dashboard", (await SecondStepAsync(browser, app.NextCode(secret))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_with_aal2()
    {
        var (owner, _, codes) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var browser = await PasswordStepAsync(app, owner.Email!);
        Assert.Equal("/dashboard", (await SecondStepAsync(browser, codes[3].ToLowerInvariant())).Headers.Location?.OriginalString);
        var claims = await app.TokenClaimsAsync(browser);
        Assert.Equal("aal2", claims.GetProperty("aal").GetString());
        Assert.Contains("recovery_code", MfaAppFixture.AmrMethods(claims));
        Assert.Equal("9", (await owner.GetDocumentAsync("/account/mfa")).QuerySelector("#recovery-left")!.TextContent);

        using var again = await PasswordStepAsync(app, owner.Email!);
        Assert.Equal(HttpStatusCode.BadRequest, (await SecondStepAsync(again, codes[3])).StatusCode);
        Assert.Equal("/dashboard", (await SecondStepAsync(again, codes[4])).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_second_step_is_audited_with_its_user_and_answer()
    {
        var (owner, secret, _) = await app.UserWithMfaAsync();
        using var _o = owner;
        using var browser = await PasswordStepAsync(app, owner.Email!);
        await SecondStepAsync(browser, MfaAppFixture.Wrong(app.NextCode(secret)));
        await SecondStepAsync(browser, app.NextCode(secret));
        await app.Factory.Services.GetRequiredService<IAuditLog>().FlushAsync(default);

        var statuses = await MfaAppFixture.ScalarAsync<string>(
            """
            SELECT string_agg(a.action || ' ' || a.status, ',' ORDER BY a.at, a.status DESC) FROM fairdb.audit_log a JOIN auth.users u ON u.id = a.user_id
            WHERE u.email = @email AND a.action LIKE 'mfa%'
            """, new { email = owner.Email });
        Assert.Equal("mfa_enrol 200,mfa_verify 200,mfa_sign_in 400,mfa_sign_in 302", statuses);
    }
}

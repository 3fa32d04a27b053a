using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Web.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Auth;

/// <summary>An app whose clock the tests push forward, so tokens age without waiting.</summary>
public sealed class ClockedAppFixture : IAsyncDisposable
{
    public ManualClock Clock { get; } = new();

    public FairDbFactory Factory { get; }

    public ClockedAppFixture() => Factory = new FairDbFactory(services: s => s.AddSingleton<TimeProvider>(Clock));

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

[Collection(AppCollection.Name)] // the shared app migrates the database first
public sealed class SessionRefreshTests(ClockedAppFixture app) : IClassFixture<ClockedAppFixture>
{
    private static async Task<(int Total, int Revoked)> RefreshTokensOf(string email)
    {
        await using var c = await TestDatabase.OpenAdminAsync();
        return await c.QuerySingleAsync<(int, int)>(
            """
            SELECT count(*)::int, count(*) FILTER (WHERE revoked)::int
            FROM auth.refresh_tokens t JOIN auth.users u ON u.id = t.user_id WHERE u.email = @email
            """, new { email });
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_refreshed_before_the_request_and_the_cookie_reissued()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var before = member.SessionCookie;
        Assert.Equal((1, 0), await RefreshTokensOf(member.Email!));

        app.Clock.Advance(TimeSpan.FromSeconds(3600 - 200)); // inside the 300 s refresh window, not yet expired
        var response = await member.Client.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), h => h.StartsWith(SessionCookie.SecureName + "=", StringComparison.Ordinal));
        Assert.NotEqual(before, member.SessionCookie);
        Assert.Equal((2, 1), await RefreshTokensOf(member.Email!)); // rotated: old spent, child issued

        var again = await member.Client.GetAsync("/dashboard"); // the new token is fresh: no further rotation
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((2, 1), await RefreshTokensOf(member.Email!));
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_request_goes_through()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        app.Clock.Advance(TimeSpan.FromHours(2));

        var response = await member.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1), await RefreshTokensOf(member.Email!));
    }

    [Fact]
    public async Task A_token_that_fails_validation_gets_one_refresh()
    {
        // Another instance with a rotated JWT secret: the cookie opens (shared key ring) but its
        // access token no longer validates, so the refresh token buys a token under the new secret.
        using var member = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        await using var rotated = new FairDbFactory(new Dictionary<string, string?> { ["Auth:JwtSecret"] = new string('r', 48) });
        using var sameBrowser = new BrowserSession(rotated, member.Cookies);

        var response = await sameBrowser.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1), await RefreshTokensOf(member.Email!));
    }

    [Fact]
    public async Task A_spent_refresh_token_replayed_after_the_reuse_interval_signs_everyone_out()
    {
        await using var strict = new FairDbFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenReuseIntervalSeconds"] = "0" },
            s => s.AddSingleton<TimeProvider>(app.Clock));
        using var member = await BrowserSession.RegisterAndSignInAsync(strict);
        var stolen = new System.Net.CookieContainer();
        stolen.Add(member.Client.BaseAddress!, new Cookie(SessionCookie.SecureName, member.SessionCookie));
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/dashboard")).StatusCode); // rotates

        using var thief = new BrowserSession(strict, stolen);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.Client.GetAsync("/dashboard")).StatusCode);
        var victim = await member.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, victim.StatusCode);
        Assert.Null(member.SessionCookie);
    }
}

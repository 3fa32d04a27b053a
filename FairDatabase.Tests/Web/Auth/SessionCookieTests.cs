using System.Net;
using System.Text.Json;
using Dapper;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Auth;

[Collection(AppCollection.Name)]
public sealed class SessionCookieTests(AppFixture fixture)
{
    [Fact]
    public async Task The_session_cookie_is_Host_prefixed_Secure_HttpOnly_SameSite_Lax_and_holds_no_readable_token()
    {
        using var browser = new BrowserSession(fixture.Factory);
        var email = BrowserSession.NewEmail();
        await browser.RegisterAsync(email, BrowserSession.DefaultPassword);
        var response = await browser.SignInAsync(email, BrowserSession.DefaultPassword);

        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"), h => h.StartsWith(SessionCookie.SecureName + "=", StringComparison.Ordinal));
        var attributes = header.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal)); // __Host-: host-only
        // The cookie carries the tokens, but only the app's key ring can open it.
        var value = browser.SessionCookie!;
        var protector = fixture.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("FairDatabase.Web.SessionCookie.v1");
        var stored = JsonSerializer.Deserialize<StoredSession>(protector.Unprotect(value))!;
        var jwtParts = stored.AccessToken.Split('.');
        Assert.Equal(3, jwtParts.Length);
        Assert.All(jwtParts.Append(stored.RefreshToken), secret => Assert.DoesNotContain(secret, value, StringComparison.Ordinal));
        Assert.DoesNotContain(email.Split('@')[0], value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_cookie_is_refused()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var value = member.SessionCookie!;
        var tampered = value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..];
        member.Cookies.Add(member.Client.BaseAddress!, new Cookie(SessionCookie.SecureName, tampered));

        var response = await member.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_revoked_server_side_sends_the_browser_to_the_start_and_clears_the_cookie()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await using (var c = await TestDatabase.OpenAdminAsync())
            await c.ExecuteAsync("DELETE FROM auth.sessions WHERE user_id = (SELECT id FROM auth.users WHERE email = @Email)", new { member.Email });

        var response = await member.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Null(member.SessionCookie);
    }

    [Fact]
    public async Task Two_app_instances_sharing_the_database_accept_each_others_cookies()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await using var other = new FairDbFactory();
        using var sameBrowser = new BrowserSession(other, member.Cookies);

        var response = await sameBrowser.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(member.Email!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_client_runs_with_the_validated_tokens_claims()
    {
        var auth = fixture.Factory.Services.GetRequiredService<IAuthService>();
        var email = BrowserSession.NewEmail();
        var user = await auth.SignUpAsync(email, BrowserSession.DefaultPassword, default);
        var session = await auth.SignInWithPasswordAsync(email, BrowserSession.DefaultPassword, SessionClient.Unknown, default);

        using var scope = fixture.Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().User = await auth.GetUserAsync(session.AccessToken, default);
        var db = scope.ServiceProvider.GetRequiredService<IUserClient>();
        var (uid, mail, role) = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<(Guid, string, string)>(
            "SELECT auth.uid(), auth.email(), current_user::text"), default);
        Assert.Equal((user.Id, email, "authenticated"), (uid, mail, role));
    }
}

using System.Net;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Auth;

[Collection(AppCollection.Name)]
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_sixth_sign_in_POST_within_a_minute_from_one_address_gets_429()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["RateLimiting:AuthPermitPerMinute"] = "5" });
        using var browser = new BrowserSession(factory);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("nobody@example.test", "wrong-password")).StatusCode);

        // Spelling the path differently reaches the same action and the same budget.
        var sixth = await browser.PostFormAsync("/auth/login", new() { ["email"] = "nobody@example.test", ["password"] = "wrong-password" }, "/AUTH/Login/");
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("Too many attempts", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Registration is counted on its own, and pages stay reachable.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.RegisterAsync(BrowserSession.NewEmail(), BrowserSession.DefaultPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/auth/login")).StatusCode);
    }

    [Fact]
    public async Task Every_page_shares_a_global_per_client_limit()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["RateLimiting:GlobalPermitPerMinute"] = "3" });
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/login")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}

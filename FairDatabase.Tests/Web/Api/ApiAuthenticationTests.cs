using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Api;

/// <summary>An app whose clock the tests move, to expire tokens without waiting, and a per-token limit of 5 calls a minute.</summary>
public sealed class ApiClockAppFixture : IAsyncDisposable
{
    public ManualClock Clock { get; } = new();

    public FairDbFactory Factory { get; }

    public ApiClockAppFixture() => Factory = new FairDbFactory(
        new Dictionary<string, string?> { ["Api:PermitPerMinute"] = "5" }, s => s.AddSingleton<TimeProvider>(Clock));

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>Bearer tokens only on /api: what is refused, with which answer, and the per-token rate limit.</summary>
[Collection(AppCollection.Name)] // the shared app migrates the database first
public sealed class ApiAuthenticationTests(ApiClockAppFixture app) : IClassFixture<ApiClockAppFixture>
{
    [Fact]
    public async Task Expired_revoked_unknown_and_malformed_tokens_get_the_same_401_problem()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var expiring = await ApiTestClient.CreateTokenAsync(browser, days: 1);
        var revoked = await ApiTestClient.CreateTokenAsync(browser);
        var valid = await ApiTestClient.CreateTokenAsync(browser, days: 30);
        using (await browser.PostFormAsync("/account/tokens", new() { ["token_id"] = revoked.Id.ToString() }, "/account/tokens/revoke")) { }
        using var beforeExpiry = await ApiTestClient.Client(app.Factory, expiring.Token).GetAsync("/api/v1/datasets");
        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(2));

        var bodies = new List<string>();
        foreach (var token in new[] { expiring.Token, revoked.Token, "fdb_" + new string('A', 43), "fdb_not-a-token", "not even close" })
        {
            using var response = await ApiTestClient.Client(app.Factory, token).GetAsync("/api/v1/datasets");
            await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        using var stillValid = await ApiTestClient.Client(app.Factory, valid.Token).GetAsync("/api/v1/datasets");

        Assert.Single(bodies.Distinct());
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_without_a_bearer_token_gets_401_on_the_api()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var page = await browser.Client.GetAsync("/dashboard");
        using var api = await browser.Client.GetAsync("/api/v1/datasets");
        using var post = await browser.Client.PostAsync("/api/v1/datasets?name=x", new StringContent("id,a\n1,2\n", System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await ApiTestClient.AssertProblemAsync(api, HttpStatusCode.Unauthorized);
        await ApiTestClient.AssertProblemAsync(post, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_banned_users_tokens_stop_working()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var token = await ApiTestClient.CreateTokenAsync(browser);
        using var before = await ApiTestClient.Client(app.Factory, token.Token).GetAsync("/api/v1/datasets");
        await using (var c = await TestDatabase.OpenAdminAsync())
            await c.ExecuteAsync("UPDATE auth.users SET banned_until = now() + interval '30 days' WHERE email = @email", new { email = browser.Email });
        using var after = await ApiTestClient.Client(app.Factory, token.Token).GetAsync("/api/v1/datasets");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await ApiTestClient.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_token_has_its_own_per_minute_budget_then_429_problem()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var busy = await ApiTestClient.CreateTokenAsync(browser);
        var other = await ApiTestClient.CreateTokenAsync(browser);
        using var client = ApiTestClient.Client(app.Factory, busy.Token);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/datasets")).StatusCode);
        using var over = await client.GetAsync("/api/v1/datasets");
        using var otherToken = await ApiTestClient.Client(app.Factory, other.Token).GetAsync("/api/v1/datasets");

        await ApiTestClient.AssertProblemAsync(over, HttpStatusCode.TooManyRequests);
        Assert.True(over.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, otherToken.StatusCode);
    }

    [Fact]
    public async Task Last_use_is_recorded_and_shown_on_the_tokens_page()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        var token = await ApiTestClient.CreateTokenAsync(browser);
        var unused = (await browser.GetDocumentAsync("/account/tokens")).QuerySelector($"tr[data-token-id='{token.Id}'] td:nth-child(5)")!.TextContent;
        using (await ApiTestClient.Client(app.Factory, token.Token).GetAsync("/api/v1/datasets")) { }
        var used = (await browser.GetDocumentAsync("/account/tokens")).QuerySelector($"tr[data-token-id='{token.Id}'] td:nth-child(5)")!.TextContent;

        Assert.Equal("never", unused);
        Assert.EndsWith("UTC", used, StringComparison.Ordinal);
    }
}

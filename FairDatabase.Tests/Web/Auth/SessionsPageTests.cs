using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Auth;

/// <summary>An app with short session limits (2 h lifetime, 90 min inactivity) and a clock the tests move.</summary>
public sealed class ShortSessionsAppFixture : IAsyncDisposable
{
    public ManualClock Clock { get; } = new();

    public FairDbFactory Factory { get; }

    public ShortSessionsAppFixture() => Factory = new FairDbFactory(
        new Dictionary<string, string?> { ["Auth:SessionLifetimeHours"] = "2", ["Auth:SessionInactivityMinutes"] = "90" },
        s => s.AddSingleton<TimeProvider>(Clock));

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

[Collection(AppCollection.Name)] // the shared app migrates the database first
public sealed class SessionsPageTests(ShortSessionsAppFixture app) : IClassFixture<ShortSessionsAppFixture>
{
    private static async Task<BrowserSession> SignInAsync(FairDbFactory factory, string email, string userAgent)
    {
        var browser = new BrowserSession(factory);
        browser.Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, BrowserSession.DefaultPassword)).StatusCode);
        return browser;
    }

    private static async Task<string[]> ListedSessionIds(BrowserSession browser) =>
        [.. (await browser.GetDocumentAsync("/account/sessions")).QuerySelectorAll("#sessions tr[data-session-id]")
            .Select(r => r.GetAttribute("data-session-id")!)];

    [Fact]
    public async Task The_page_lists_each_sign_in_with_its_browser_and_ending_one_signs_that_browser_out_at_its_next_request()
    {
        using var laptop = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var phone = await SignInAsync(app.Factory, laptop.Email!, "PhoneBrowser/1.0");

        var page = await laptop.GetDocumentAsync("/account/sessions");
        var rows = page.QuerySelectorAll("#sessions tr[data-session-id]");
        Assert.Equal(2, rows.Length);
        var phoneRow = Assert.Single(rows, r => r.TextContent.Contains("PhoneBrowser/1.0", StringComparison.Ordinal));
        Assert.Null(phoneRow.QuerySelector(".badge")); // the laptop's own row carries "this browser"
        Assert.Single(rows, r => r.QuerySelector(".badge")?.TextContent == "this browser");

        var ended = await laptop.PostFormAsync("/account/sessions", new() { ["session_id"] = phoneRow.GetAttribute("data-session-id")! },
            "/account/sessions/revoke");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var next = await phone.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/", next.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Ending_a_session_that_is_not_yours_answers_404_and_leaves_it_alive()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var stranger = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var strangersOtherBrowser = await SignInAsync(app.Factory, stranger.Email!, "Other/1.0"); // so the page has a revoke form
        var ownersSession = Assert.Single(await ListedSessionIds(owner));

        foreach (var id in new[] { ownersSession, Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            var response = await stranger.PostFormAsync("/account/sessions", new() { ["session_id"] = id }, "/account/sessions/revoke");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Ending_every_other_session_keeps_only_this_browser()
    {
        using var first = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var second = await SignInAsync(app.Factory, first.Email!, "Second/1.0");
        using var third = await SignInAsync(app.Factory, first.Email!, "Third/1.0");

        var response = await first.PostFormAsync("/account/sessions", [], "/account/sessions/revoke_others");
        Assert.Contains("Ended 2 other sessions.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await ListedSessionIds(first));
        Assert.Equal(HttpStatusCode.Redirect, (await second.Client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await third.Client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task A_session_in_use_lives_past_the_inactivity_limit_but_not_past_its_lifetime()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        for (var i = 0; i < 2; i++) // 100 min of use with a refresh every 50 min: more than 90 min of inactivity apart
        {
            app.Clock.Advance(TimeSpan.FromMinutes(56));
            Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/dashboard")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(10)); // 122 min after sign-in: past the 2 h lifetime
        var expired = await member.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Null(member.SessionCookie);
    }

    [Fact]
    public async Task A_session_unused_for_longer_than_the_inactivity_limit_ends()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        app.Clock.Advance(TimeSpan.FromMinutes(91));
        Assert.Equal(HttpStatusCode.Redirect, (await member.Client.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task A_ban_ends_the_session_at_its_next_refresh()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        await using (var c = await TestDatabase.OpenAdminAsync())
            await c.ExecuteAsync("UPDATE auth.users SET banned_until = now() + interval '30 days' WHERE email = @email", new { email = member.Email });

        app.Clock.Advance(TimeSpan.FromMinutes(56)); // the access token is due for refresh
        Assert.Equal(HttpStatusCode.Redirect, (await member.Client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.SignInAsync(member.Email!, BrowserSession.DefaultPassword)).StatusCode);
    }
}

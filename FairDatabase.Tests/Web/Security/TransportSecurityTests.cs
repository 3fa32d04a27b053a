using System.Net;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Security;

/// <summary>Secure, __Host- cookies by default; forwarded headers only from configured proxies; HSTS and HTTPS redirection.</summary>
[Collection(AppCollection.Name)]
public sealed class TransportSecurityTests(AppFixture fixture)
{
    private const string Proxy = "10.0.0.5";

    /// <summary>TestServer has no peer address; this gives every request one, as a proxy in front would.</summary>
    private sealed class PeerAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    private static FairDbFactory BehindProxy(string? knownProxy) => new(
        new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = knownProxy, ["https_port"] = "443" },
        services => services.AddSingleton<IStartupFilter>(new PeerAddress(IPAddress.Parse(Proxy))));

    private static async Task<HttpResponseMessage> GetAsync(FairDbFactory factory, bool forwardedHttps)
    {
        var client = factory.CreateDefaultClient(new Uri("http://fair.example"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_Host_prefixed_and_Secure()
    {
        using var browser = new BrowserSession(fixture.Factory);
        using var response = await browser.Client.GetAsync("/auth/login");

        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"), h => h.StartsWith("__Host-fairdb_antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", header.Split(';').Select(a => a.Trim().ToLowerInvariant()));
    }

    [Fact]
    public async Task With_CookieSecure_off_for_plain_http_development_the_cookies_have_no_prefix_and_no_Secure()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Auth:CookieSecure"] = "false" });
        using var browser = new BrowserSession(factory);
        var email = BrowserSession.NewEmail();
        await browser.RegisterAsync(email, BrowserSession.DefaultPassword);
        using var response = await browser.SignInAsync(email, BrowserSession.DefaultPassword);

        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"), h => h.StartsWith(SessionCookie.PlainName + "=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", header.Split(';').Select(a => a.Trim().ToLowerInvariant()));
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_configured_proxy_forwarding_https_gets_the_page_with_HSTS_and_plain_http_is_redirected()
    {
        await using var factory = BehindProxy(Proxy);

        using var forwarded = await GetAsync(factory, forwardedHttps: true);
        using var plain = await GetAsync(factory, forwardedHttps: false);

        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Contains("max-age=31536000", string.Join(",", forwarded.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://fair.example/", plain.Headers.Location?.OriginalString);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Plain_http_without_an_https_port_is_told_that_https_is_needed()
    {
        var client = fixture.Factory.CreateDefaultClient(new Uri("http://fair.example"));

        using var page = await client.GetAsync("/auth/login");
        using var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("HTTPS only", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_sender_are_ignored()
    {
        await using var factory = BehindProxy("10.0.0.99");

        using var response = await GetAsync(factory, forwardedHttps: true);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FairDatabase.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairDatabase.Tests.Web.Api;

/// <summary>A token made through /account/tokens as a signed-in browser would, and the id its row carries.</summary>
public sealed record CreatedToken(string Token, Guid Id);

/// <summary>Creates tokens through the page and calls /api/v1 with them, as a script would (no cookies).</summary>
public static class ApiTestClient
{
    public static async Task<CreatedToken> CreateTokenAsync(BrowserSession browser, string scope = "read", int days = 90, string? name = null)
    {
        name ??= "token-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await browser.PostFormAsync("/account/tokens",
            new() { ["name"] = name, ["scope"] = scope, ["expiry_days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var page = await BrowserSession.ParseAsync(response);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Creating a token answered {response.StatusCode}: {page.QuerySelector(".alert")?.TextContent}");
        var token = page.QuerySelector("#new-token input")!.GetAttribute("value")!;
        var row = page.QuerySelectorAll("#tokens tr[data-token-id]").Single(r => r.QuerySelector("td")!.TextContent == name);
        return new CreatedToken(token, Guid.Parse(row.GetAttribute("data-token-id")!));
    }

    /// <summary>A client without cookies that sends <paramref name="token"/> as a bearer token (none when null).</summary>
    public static HttpClient Client(WebApplicationFactory<Program> factory, string? token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts an RFC 9457 problem with this status and returns its detail.</summary>
    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem.GetProperty("detail").GetString()!;
    }
}

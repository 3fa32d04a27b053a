using System.Net;
using System.Text.Json;
using Dapper;
using FairDatabase.Core.Auth;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace FairDatabase.Tests.Web.Auth;

/// <summary>
/// An app with a clock the MFA tests move: each test code is computed from the secret at the
/// app's time, and the clock steps 30 s before the next one (a code is accepted only once).
/// </summary>
public sealed class MfaAppFixture : IAsyncDisposable
{
    public ManualClock Clock { get; } = new();

    public FairDbFactory Factory { get; }

    public MfaAppFixture() => Factory = new FairDbFactory(services: s => s.AddSingleton<TimeProvider>(Clock));

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    /// <summary>The code an authenticator app would show now (app time), after moving to a fresh 30-second step.</summary>
    public string NextCode(string secret)
    {
        Clock.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>A six-digit code that is not <paramref name="good"/>.</summary>
    public static string Wrong(string good) =>
        ((int.Parse(good, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A registered, signed-in user who has turned MFA on: the browser, the secret and the recovery codes.</summary>
    public async Task<(BrowserSession Browser, string Secret, string[] RecoveryCodes)> UserWithMfaAsync()
    {
        var browser = await BrowserSession.RegisterAndSignInAsync(Factory);
        var enrolled = await BrowserSession.ParseAsync(await browser.PostFormAsync("/account/mfa", new(), "/account/mfa/enrol"));
        var secret = enrolled.QuerySelector("#totp-secret")!.TextContent;
        var confirmed = await browser.PostFormAsync("/account/mfa", new() { ["code"] = NextCode(secret) }, "/account/mfa/verify");
        if (confirmed.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Confirming answered {confirmed.StatusCode}.");
        var codes = (await BrowserSession.ParseAsync(confirmed)).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent).ToArray();
        return (browser, secret, codes);
    }

    /// <summary>The claims of the access token in the browser's session cookie (decrypted as the app does).</summary>
    public async Task<JsonElement> TokenClaimsAsync(BrowserSession browser)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{SessionCookie.SecureName}={browser.SessionCookie}";
        var stored = Factory.Services.GetRequiredService<SessionCookie>().Read(http) ?? throw new InvalidOperationException("No session cookie.");
        var user = await Factory.Services.GetRequiredService<AccessTokens>().ValidateAsync(stored.AccessToken, allowExpired: true);
        return JsonDocument.Parse(user.ClaimsJson).RootElement.Clone();
    }

    public static string[] AmrMethods(JsonElement claims) =>
        [.. claims.GetProperty("amr").EnumerateArray().Select(a => a.GetProperty("method").GetString()!)];

    public static async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var c = await TestDatabase.OpenAdminAsync();
        return (await c.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}

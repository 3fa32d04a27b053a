using System.Text.Json;
using FairDatabase.Core.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Auth;

/// <summary>
/// The tokens of a browser session as the cookie carries them. <see cref="AwaitingMfa"/>: the
/// password was right but the second factor is still due (/auth/mfa); such a session opens no page.
/// </summary>
public sealed record StoredSession(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, bool AwaitingMfa = false)
{
    public override string ToString() => $"StoredSession {{ ExpiresAt = {ExpiresAt:O} }}"; // never the tokens
}

/// <summary>
/// Keeps the token pair in one DataProtection-encrypted, HttpOnly, SameSite=Lax cookie:
/// the browser holds it but can neither read nor alter it, and any app instance sharing
/// the key ring can open it.
/// </summary>
public sealed class SessionCookie(IDataProtectionProvider protection, IOptions<AuthOptions> options)
{
    /// <summary>The name over HTTPS: __Host- makes browsers refuse it unless Secure, host-only and Path=/.</summary>
    public const string SecureName = "__Host-fairdb_session";

    /// <summary>The name when Auth:CookieSecure is off (plain-HTTP development).</summary>
    public const string PlainName = "fairdb_session";

    private readonly bool _secure = options.Value.CookieSecure;
    private static readonly object WrittenKey = new();
    private readonly IDataProtector _protector = protection.CreateProtector("FairDatabase.Web.SessionCookie.v1");

    /// <summary>The session of this request: one written earlier in the request wins over the incoming cookie.</summary>
    public StoredSession? Read(HttpContext http)
    {
        if (http.Items.TryGetValue(WrittenKey, out var written)) return written as StoredSession;
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<StoredSession>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null; // Tampered, truncated or from a foreign key ring: treated as signed out.
        }
    }

    public string Name => _secure ? SecureName : PlainName;

    public void Write(HttpContext http, AuthSession session, bool awaitingMfa = false)
    {
        var stored = new StoredSession(session.AccessToken, session.RefreshToken, session.ExpiresAt, awaitingMfa);
        http.Items[WrittenKey] = stored;
        http.Response.Cookies.Append(Name, _protector.Protect(JsonSerializer.Serialize(stored)), Options());
    }

    public void Clear(HttpContext http)
    {
        http.Items[WrittenKey] = null;
        http.Response.Cookies.Delete(Name, Options());
    }

    // No Expires: a browser-session cookie; the refresh token's server-side session is what lasts.
    private CookieOptions Options() => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = _secure,
        Path = "/",
        IsEssential = true,
    };
}

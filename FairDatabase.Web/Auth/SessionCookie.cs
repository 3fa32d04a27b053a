using System.Text.Json;
using FairDatabase.Core.Auth;
using Microsoft.AspNetCore.DataProtection;

namespace FairDatabase.Web.Auth;

/// <summary>The tokens of a browser session as the cookie carries them.</summary>
public sealed record StoredSession(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"StoredSession {{ ExpiresAt = {ExpiresAt:O} }}"; // never the tokens
}

/// <summary>
/// Keeps the token pair in one DataProtection-encrypted, HttpOnly, SameSite=Lax cookie:
/// the browser holds it but can neither read nor alter it, and any app instance sharing
/// the key ring can open it.
/// </summary>
public sealed class SessionCookie(IDataProtectionProvider protection)
{
    public const string Name = "fairdb_session";
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

    public void Write(HttpContext http, AuthSession session)
    {
        var stored = new StoredSession(session.AccessToken, session.RefreshToken, session.ExpiresAt);
        http.Items[WrittenKey] = stored;
        http.Response.Cookies.Append(Name, _protector.Protect(JsonSerializer.Serialize(stored)), Options(http));
    }

    public void Clear(HttpContext http)
    {
        http.Items[WrittenKey] = null;
        http.Response.Cookies.Delete(Name, Options(http));
    }

    // No Expires: a browser-session cookie; the refresh token's server-side session is what lasts.
    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}

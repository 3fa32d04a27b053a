using FairDatabase.Core.Auth;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Auth;

/// <summary>
/// Turns the session cookie into a validated user: refreshes first when the access token is about
/// to expire (proactive), tries one refresh when it fails validation (reactive), and clears the
/// cookie when the session cannot be renewed (revoked, reused or unknown refresh token).
/// </summary>
internal sealed class SessionAuthenticator(
    IAuthService auth, SessionCookie cookie, TimeProvider time, IOptions<AuthOptions> options, ILogger<SessionAuthenticator> log)
{
    public async Task<AuthenticatedUser?> AuthenticateAsync(HttpContext http)
    {
        // Half signed in (second factor due): only /auth/mfa and sign-out, which read the cookie themselves.
        if (cookie.Read(http) is not { AwaitingMfa: false } stored) return null;
        var ct = http.RequestAborted;
        if (stored.ExpiresAt - time.GetUtcNow() <= TimeSpan.FromSeconds(options.Value.RefreshBeforeExpirySeconds))
            return await RefreshAsync(http, stored, ct);
        try
        {
            return await auth.GetUserAsync(stored.AccessToken, ct);
        }
        catch (AuthException e) when (e.Code is not AuthErrorCode.Unavailable)
        {
            return await RefreshAsync(http, stored, ct);
        }
    }

    private async Task<AuthenticatedUser?> RefreshAsync(HttpContext http, StoredSession stored, CancellationToken ct)
    {
        try
        {
            var renewed = await auth.RefreshAsync(stored.RefreshToken, ct);
            cookie.Write(http, renewed);
            return await auth.GetUserAsync(renewed.AccessToken, ct);
        }
        catch (AuthException e) when (e.Code is not AuthErrorCode.Unavailable)
        {
            log.LogInformation("Session could not be renewed ({Code}); signing the browser out.", e.Code);
            cookie.Clear(http);
            return null;
        }
    }
}

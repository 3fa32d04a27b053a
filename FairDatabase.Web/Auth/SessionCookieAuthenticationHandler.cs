using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Auth;

/// <summary>
/// ASP.NET Core authentication scheme over the encrypted session cookie: <see cref="SessionAuthenticator"/>
/// validates (and when needed refreshes) the tokens, and the result becomes both the request's
/// principal and <see cref="CurrentUser"/> (whose claims IUserClient hands to PostgreSQL for RLS).
/// Pages without [AllowAnonymous] need it (the fallback authorization policy); a visitor without a
/// valid session is sent to the sign-in page at <c>/</c> (or to <c>/auth/mfa</c> when its second factor is due).
/// </summary>
internal sealed class SessionCookieAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionAuthenticator authenticator, CurrentUser current, SessionCookie cookie)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FairDatabaseSession";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        current.User ??= await authenticator.AuthenticateAsync(Context);
        if (current.User is not { } user) return AuthenticateResult.NoResult();
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Email, user.Email)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Redirect(cookie.Read(Context) is { AwaitingMfa: true } ? "/auth/mfa" : "/");
        return Task.CompletedTask;
    }
}

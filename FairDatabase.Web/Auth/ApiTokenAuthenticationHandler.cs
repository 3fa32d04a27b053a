using System.Security.Claims;
using System.Text.Encodings.Web;
using FairDatabase.Core.ApiTokens;
using FairDatabase.Core.Auth;
using FairDatabase.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Auth;

/// <summary>
/// The JSON API's scheme: <c>Authorization: Bearer fdb_…</c> only (the session cookie is never
/// consulted under /api, so there is no cross-site request to forge). The token's owner becomes the
/// request's principal and <see cref="CurrentUser"/>, whose claims IUserClient hands to PostgreSQL:
/// an API call runs as <c>authenticated</c> with RLS, exactly like a page. Every refusal is the one
/// 401 problem, whatever was wrong with the token.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IApiTokenResolver resolver, CurrentUser current)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FairDatabaseApiToken";
    public const string TokenIdClaim = "fdb_api_token_id";
    public const string ScopeClaim = "fdb_api_scope";
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");
        if (await resolver.ResolveAsync(header[Bearer.Length..].Trim(), Context.RequestAborted) is not { } owner)
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        current.User = new AuthenticatedUser(owner.UserId, owner.Email, SessionId: null, owner.ExpiresAt, owner.ClaimsJson);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString()), new Claim(ClaimTypes.Email, owner.Email),
            new Claim(TokenIdClaim, owner.TokenId.ToString()), new Claim(ScopeClaim, ApiTokenScopes.ToText(owner.Scope)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"FairDatabase API\"";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", ApiProblems.UnauthorizedDetail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This token may not do that.");
}

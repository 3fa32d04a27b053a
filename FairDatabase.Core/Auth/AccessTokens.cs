using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FairDatabase.Core.Auth;

/// <summary>
/// HS256 access tokens with GoTrue's claims. Lifetime is checked against the injected
/// <see cref="TimeProvider"/> (not the library's wall clock) so expiry is testable without waiting.
/// </summary>
public sealed class AccessTokens(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <param name="assurance">The session's aal and amr; null for a fresh password sign-in (aal1, password now).</param>
    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userId, string email, Guid sessionId, string appMetadataJson, string userMetadataJson,
        SessionAssurance? assurance = null)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(o.AccessTokenLifetimeSeconds);
        var payload = new JsonObject
        {
            ["iss"] = o.Issuer,
            ["sub"] = userId.ToString(),
            ["aud"] = "authenticated",
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["email"] = email,
            ["phone"] = "",
            ["app_metadata"] = JsonNode.Parse(appMetadataJson),
            ["user_metadata"] = JsonNode.Parse(userMetadataJson),
            ["role"] = "authenticated",
            ["aal"] = assurance?.Aal ?? "aal1",
            ["amr"] = assurance is { AmrJson: { Length: > 2 } amr }
                ? JsonNode.Parse(amr)
                : new JsonArray(new JsonObject { ["method"] = "password", ["timestamp"] = now.ToUnixTimeSeconds() }),
            ["session_id"] = sessionId.ToString(),
            ["is_anonymous"] = false,
        };
        var credentials = new SigningCredentials(new SymmetricSecurityKey(o.KeyBytes), SecurityAlgorithms.HmacSha256);
        return (_handler.CreateToken(payload.ToJsonString(), credentials), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>Signature, audience and (unless <paramref name="allowExpired"/>) lifetime; BadJwt otherwise.</summary>
    public async Task<AuthenticatedUser> ValidateAsync(string token, bool allowExpired = false)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(options.Value.KeyBytes),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidAudience = "authenticated",
            ValidateIssuer = false, // GoTrue's issuer is the project URL; the key is what matters.
            ValidateLifetime = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            throw new AuthException(AuthErrorCode.BadJwt, "Invalid token.");
        var expires = jwt.ValidTo == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (!allowExpired && expires <= time.GetUtcNow())
            throw new AuthException(AuthErrorCode.BadJwt, "Token has expired.");
        var claimsJson = Base64UrlEncoder.Decode(jwt.EncodedPayload);
        using var doc = JsonDocument.Parse(claimsJson);
        var root = doc.RootElement;
        if (!Guid.TryParse(root.TryGetProperty("sub", out var sub) ? sub.GetString() : null, out var userId))
            throw new AuthException(AuthErrorCode.BadJwt, "Invalid token.");
        var email = root.TryGetProperty("email", out var e) ? e.GetString() ?? "" : "";
        Guid? sessionId = root.TryGetProperty("session_id", out var s) && Guid.TryParse(s.GetString(), out var sid) ? sid : null;
        return new AuthenticatedUser(userId, email, sessionId, expires, claimsJson);
    }
}

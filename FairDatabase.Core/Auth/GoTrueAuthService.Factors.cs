using System.Text.Json;

namespace FairDatabase.Core.Auth;

/// <summary>A user's MFA factor as GoTrue lists it in GET /user (no secret).</summary>
public sealed record GoTrueFactor(Guid Id, string FactorType, string Status);

/// <summary>GoTrue's answer to POST /factors: holds the secret, shown once, never logged.</summary>
public sealed record GoTrueTotpEnrolment(Guid Id, string Secret, string Uri)
{
    public override string ToString() => $"GoTrueTotpEnrolment {{ Id = {Id} }}";
}

/// <summary>GoTrue's factor endpoints (/auth/v1/factors…), called with the user's own bearer token.</summary>
public sealed partial class GoTrueAuthService
{
    public async Task<IReadOnlyList<GoTrueFactor>> ListFactorsAsync(string accessToken, CancellationToken ct)
    {
        using var doc = await SendAsync(HttpMethod.Get, "auth/v1/user", null, accessToken, ct);
        return doc.RootElement.TryGetProperty("factors", out var factors) && factors.ValueKind == JsonValueKind.Array
            ? [.. factors.EnumerateArray().Select(f => new GoTrueFactor(
                f.GetProperty("id").GetGuid(), f.GetProperty("factor_type").GetString() ?? "", f.GetProperty("status").GetString() ?? ""))]
            : [];
    }

    public async Task<GoTrueTotpEnrolment> EnrolTotpAsync(string accessToken, string friendlyName, string issuer, CancellationToken ct)
    {
        using var doc = await SendAsync(HttpMethod.Post, "auth/v1/factors",
            new { factor_type = "totp", friendly_name = friendlyName, issuer }, accessToken, ct);
        var totp = doc.RootElement.GetProperty("totp");
        return new GoTrueTotpEnrolment(doc.RootElement.GetProperty("id").GetGuid(),
            totp.GetProperty("secret").GetString()!, totp.GetProperty("uri").GetString()!);
    }

    /// <summary>POST /factors/{id}/challenge then /factors/{id}/verify: the session's new aal2 tokens.</summary>
    public async Task<AuthSession> VerifyTotpAsync(string accessToken, Guid factorId, string code, CancellationToken ct)
    {
        Guid challengeId;
        using (var challenge = await SendAsync(HttpMethod.Post, $"auth/v1/factors/{factorId}/challenge", new { }, accessToken, ct))
            challengeId = challenge.RootElement.GetProperty("id").GetGuid();
        using var doc = await SendAsync(HttpMethod.Post, $"auth/v1/factors/{factorId}/verify",
            new { challenge_id = challengeId, code }, accessToken, ct);
        return ReadSession(doc.RootElement);
    }

    /// <summary>DELETE /factors/{id}: GoTrue wants an aal2 token for a verified factor.</summary>
    public async Task UnenrolAsync(string accessToken, Guid factorId, CancellationToken ct)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"auth/v1/factors/{factorId}", null, accessToken, ct);
    }

    /// <summary>
    /// The admin endpoint (service-role key): removes a factor without an aal2 token. Used when a
    /// recovery code (which GoTrue does not know) stands in for the lost authenticator.
    /// </summary>
    public async Task AdminDeleteFactorAsync(Guid userId, Guid factorId, CancellationToken ct)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"auth/v1/admin/users/{userId}/factors/{factorId}", null, null, ct, serviceRole: true);
    }
}

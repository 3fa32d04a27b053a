using System.Net;
using System.Text.Json;

namespace FairDatabase.Core.Auth;

/// <summary>
/// GoTrue errors arrive as {"code","error_code","msg"}, as {"code","message"} (API version
/// 2024-01-01) or, from older servers, as OAuth's {"error","error_description"}.
/// </summary>
internal static class GoTrueErrors
{
    public static AuthException From(HttpStatusCode status, string body, string path)
    {
        string? code = null, message = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var r = doc.RootElement;
            code = Str(r, "error_code") ?? Str(r, "code") ?? Str(r, "error");
            message = Str(r, "msg") ?? Str(r, "message") ?? Str(r, "error_description");
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): fall back to the status code.
        }

        var kind = code switch
        {
            "user_already_exists" or "email_exists" => AuthErrorCode.UserAlreadyExists,
            "weak_password" => AuthErrorCode.WeakPassword,
            "invalid_credentials" => AuthErrorCode.InvalidCredentials,
            "refresh_token_already_used" => AuthErrorCode.RefreshTokenAlreadyUsed,
            "refresh_token_not_found" => AuthErrorCode.RefreshTokenNotFound,
            "session_not_found" or "session_expired" => AuthErrorCode.SessionNotFound,
            "bad_jwt" or "no_authorization" => AuthErrorCode.BadJwt,
            "validation_failed" or "email_address_invalid" => AuthErrorCode.ValidationFailed,
            "mfa_verification_failed" or "mfa_verification_rejected" or "mfa_challenge_expired" => AuthErrorCode.MfaVerificationFailed,
            "invalid_grant" => path.Contains("grant_type=password", StringComparison.Ordinal)
                ? AuthErrorCode.InvalidCredentials : AuthErrorCode.RefreshTokenNotFound,
            _ when (int)status >= 500 || status == HttpStatusCode.TooManyRequests => AuthErrorCode.Unavailable,
            _ when status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => AuthErrorCode.BadJwt,
            _ => AuthErrorCode.ValidationFailed,
        };
        return kind switch
        {
            AuthErrorCode.InvalidCredentials => AuthException.InvalidCredentials(),
            AuthErrorCode.Unavailable => new AuthException(kind, "The sign-in service is not reachable right now."),
            _ => new AuthException(kind, message ?? "The sign-in service refused the request."),
        };
    }

    private static string? Str(JsonElement r, string name) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

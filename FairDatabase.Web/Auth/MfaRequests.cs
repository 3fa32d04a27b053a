using FairDatabase.Core.Auth;
using FairDatabase.Core.Auth.Mfa;

namespace FairDatabase.Web.Auth;

/// <summary>What the two MFA pages share: the caller from the cookie's tokens, and how failures answer.</summary>
internal static class MfaRequests
{
    public const int MaxCodeLength = 64;

    public static MfaCaller Caller(HttpContext http, AuthenticatedUser user, StoredSession stored) =>
        new(user, new SessionTokens(stored.AccessToken, stored.RefreshToken), http.Connection.RemoteIpAddress);

    /// <summary>Null when the field can be checked; otherwise the message for a 400 (an empty field is not a wrong attempt).</summary>
    public static string? Problem(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "Enter the 6-digit code from your authenticator app, or a recovery code."
        : code.Length > MaxCodeLength ? $"A code has at most {MaxCodeLength} characters."
        : null;

    public static int StatusOf(MfaException e) => e.Code switch
    {
        MfaErrorCode.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        MfaErrorCode.WrongState => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public static int StatusOf(AuthException e) =>
        e.Code == AuthErrorCode.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
}

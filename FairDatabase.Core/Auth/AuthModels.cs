namespace FairDatabase.Core.Auth;

public sealed record AuthUser(Guid Id, string Email);

/// <summary>A token pair as GoTrue answers it. Holds secrets: never log or render it.</summary>
public sealed record AuthSession(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, AuthUser User)
{
    /// <summary>A password sign-in of a user with a verified second factor: the session is aal1 until /auth/mfa.</summary>
    public bool MfaRequired { get; init; }

    public override string ToString() => $"AuthSession {{ User = {User.Id}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>The owner of a validated access token; <see cref="ClaimsJson"/> is the token's payload.</summary>
public sealed record AuthenticatedUser(Guid Id, string Email, Guid? SessionId, DateTimeOffset ExpiresAt, string ClaimsJson);

/// <summary>
/// How a session was authenticated, as GoTrue puts it in tokens: <c>aal</c> (aal1, or aal2 after a
/// second factor) and <c>amr</c>, a JSON array of {method, timestamp}, most recent first.
/// </summary>
public sealed record SessionAssurance(string Aal, string AmrJson);

/// <summary>Where a sign-in comes from, kept with the session so its owner can recognise it.</summary>
public sealed record SessionClient(string? UserAgent, System.Net.IPAddress? Ip)
{
    public static SessionClient Unknown { get; } = new(null, null);
}

/// <summary>GoTrue's error codes (and the few extra ones the pages need).</summary>
public enum AuthErrorCode
{
    UserAlreadyExists,
    WeakPassword,
    InvalidCredentials,
    ValidationFailed,
    RefreshTokenNotFound,
    RefreshTokenAlreadyUsed,
    SessionNotFound,
    BadJwt,
    Unavailable,

    /// <summary>GoTrue refused a TOTP code (wrong, expired challenge, or rejected).</summary>
    MfaVerificationFailed,
}

/// <summary>An auth failure; <see cref="Exception.Message"/> is safe to show a user.</summary>
public sealed class AuthException : Exception
{
    public AuthException(AuthErrorCode code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    public AuthErrorCode Code { get; }

    public static AuthException InvalidCredentials() => new(AuthErrorCode.InvalidCredentials, "Invalid email or password");
}

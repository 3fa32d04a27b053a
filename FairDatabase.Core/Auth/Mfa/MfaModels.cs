namespace FairDatabase.Core.Auth.Mfa;

/// <summary>Whether the user has a verified TOTP factor, and a factor whose set-up is not finished.</summary>
public sealed record MfaStatus(Guid? VerifiedFactorId, Guid? PendingFactorId, int RecoveryCodesLeft)
{
    public bool Enabled => VerifiedFactorId is not null;
}

/// <summary>
/// A new, unverified TOTP factor. Holds the secret: shown to its owner once, when enrolling,
/// and never logged (ToString leaves it out).
/// </summary>
public sealed record TotpEnrolment(Guid FactorId, string Secret, string OtpAuthUri, string QrCodeDataUri)
{
    public override string ToString() => $"TotpEnrolment {{ FactorId = {FactorId} }}";
}

/// <summary>A browser's token pair, as the MFA calls need it (GoTrue answers with a new pair). Never log it.</summary>
public sealed record SessionTokens(string AccessToken, string RefreshToken)
{
    public override string ToString() => "SessionTokens { … }";
}

/// <summary>A confirmed factor: the session's new aal2 tokens and the recovery codes to show once.</summary>
public sealed record MfaConfirmation(AuthSession Session, IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => $"MfaConfirmation {{ Codes = {RecoveryCodes.Count} }}";
}

public enum MfaErrorCode
{
    /// <summary>The code is wrong, expired or already used (400; counts toward the limit).</summary>
    WrongCode,

    /// <summary>Too many wrong codes lately (429).</summary>
    TooManyAttempts,

    /// <summary>No factor to verify or disable, or one is already on (409).</summary>
    WrongState,
}

/// <summary>An MFA failure; the message is safe to show the user.</summary>
public sealed class MfaException(MfaErrorCode code, string message) : Exception(message)
{
    public MfaErrorCode Code { get; } = code;

    public static MfaException WrongCode() =>
        new(MfaErrorCode.WrongCode, "That code is not right: it may be mistyped, expired or already used. Enter the current code from your app, or an unused recovery code.");
}

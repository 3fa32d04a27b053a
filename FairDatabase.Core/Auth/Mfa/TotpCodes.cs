using OtpNet;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>
/// RFC 6238 as authenticator apps use it: SHA-1, 30-second steps, 6 digits, 160-bit secrets in
/// base32. A code from the step before or after the current one is accepted (clock drift).
/// </summary>
public static class TotpCodes
{
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public static string OtpAuthUri(string issuer, string account, string secret) =>
        new OtpUri(OtpType.Totp, secret, account, issuer).ToString();

    /// <summary>Whether <paramref name="code"/> looks like a TOTP code (six digits, spaces allowed).</summary>
    public static bool LooksLikeCode(string code, out string digits)
    {
        digits = code.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit);
    }

    /// <returns>The time step the code belongs to, or null when it matches none in the window.</returns>
    public static long? MatchStep(string base32Secret, string digits, DateTimeOffset now)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Secret));
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, Drift) ? step : null;
    }
}

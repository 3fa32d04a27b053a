using FairDatabase.Core.Configuration;

namespace FairDatabase.Core.Auth.Mfa;

/// <summary>Section <c>Mfa</c>: the per-user limit on wrong codes and the issuer shown in authenticator apps.</summary>
public sealed class MfaOptions
{
    public const string Section = "Mfa";

    /// <summary>Wrong codes (TOTP or recovery) allowed per user within the window; then every code is refused until it passes.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public int FailedAttemptWindowMinutes { get; set; } = 5;

    /// <summary>The name authenticator apps list the account under.</summary>
    public string Issuer { get; set; } = "FairDatabase";

    public static IEnumerable<string> Validate(MfaOptions o)
    {
        if (o.MaxFailedAttempts < 1) yield return OptionsRegistration.Setting(Section, nameof(MaxFailedAttempts), "must be at least 1");
        if (o.FailedAttemptWindowMinutes < 1) yield return OptionsRegistration.Setting(Section, nameof(FailedAttemptWindowMinutes), "must be at least 1");
        if (string.IsNullOrWhiteSpace(o.Issuer) || o.Issuer.Length > 64 || o.Issuer.Contains(':', StringComparison.Ordinal))
            yield return OptionsRegistration.Setting(Section, nameof(Issuer), "must be 1-64 characters without ':'");
    }
}

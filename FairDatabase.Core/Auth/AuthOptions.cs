using System.Text;
using FairDatabase.Core.Configuration;

namespace FairDatabase.Core.Auth;

/// <summary>Section <c>Auth</c>: tokens and passwords.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key for access tokens (at least 32 bytes). In Supabase mode: the project's JWT secret.</summary>
    public string JwtSecret { get; set; } = "";

    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>An access token this close to expiry is refreshed before the request runs.</summary>
    public int RefreshBeforeExpirySeconds { get; set; } = 300;

    public int MinimumPasswordLength { get; set; } = 8;

    /// <summary>How long a just-rotated refresh token may still be presented (concurrent requests).</summary>
    public int RefreshTokenReuseIntervalSeconds { get; set; } = 10;

    /// <summary>A session ends this long after sign-in, however active (embedded mode).</summary>
    public int SessionLifetimeHours { get; set; } = 168;

    /// <summary>A session ends after this long without a token refresh, i.e. without use (embedded mode).</summary>
    public int SessionInactivityMinutes { get; set; } = 720;

    /// <summary>The iss claim of embedded tokens.</summary>
    public string Issuer { get; set; } = "fairdatabase";

    /// <summary>
    /// Browser cookies are Secure and carry the __Host- prefix. Turn off only for development on
    /// plain http://localhost (scripts/run.sh does); browsers then keep them without the prefix.
    /// </summary>
    public bool CookieSecure { get; set; } = true;

    /// <summary>Who may register: <c>open</c> (anyone), <c>invite</c> (holders of an admin's invitation link) or <c>closed</c>.</summary>
    public string RegistrationMode { get; set; } = "open";

    public bool RegistrationOpen => string.Equals(RegistrationMode, "open", StringComparison.OrdinalIgnoreCase);

    public bool RegistrationByInvitation => string.Equals(RegistrationMode, "invite", StringComparison.OrdinalIgnoreCase);

    internal byte[] KeyBytes => Encoding.UTF8.GetBytes(JwtSecret);

    internal static IEnumerable<string> Validate(AuthOptions o)
    {
        if (Encoding.UTF8.GetByteCount(o.JwtSecret) < 32)
            yield return OptionsRegistration.Setting(Section, nameof(JwtSecret), "is required and must be at least 32 bytes");
        if (o.AccessTokenLifetimeSeconds < 60)
            yield return OptionsRegistration.Setting(Section, nameof(AccessTokenLifetimeSeconds), "must be at least 60");
        if (o.RefreshBeforeExpirySeconds < 0 || o.RefreshBeforeExpirySeconds >= o.AccessTokenLifetimeSeconds)
            yield return OptionsRegistration.Setting(Section, nameof(RefreshBeforeExpirySeconds), "must be 0 or more and below AccessTokenLifetimeSeconds");
        if (o.MinimumPasswordLength is < 6 or > 72)
            yield return OptionsRegistration.Setting(Section, nameof(MinimumPasswordLength), "must be between 6 and 72");
        if (o.RefreshTokenReuseIntervalSeconds < 0)
            yield return OptionsRegistration.Setting(Section, nameof(RefreshTokenReuseIntervalSeconds), "must be 0 or more");
        if (o.SessionLifetimeHours < 1)
            yield return OptionsRegistration.Setting(Section, nameof(SessionLifetimeHours), "must be at least 1");
        if (o.SessionInactivityMinutes * 60 <= o.AccessTokenLifetimeSeconds)
            yield return OptionsRegistration.Setting(Section, nameof(SessionInactivityMinutes), "must be longer than AccessTokenLifetimeSeconds (activity is seen at each refresh)");
        if (string.IsNullOrWhiteSpace(o.Issuer))
            yield return OptionsRegistration.Setting(Section, nameof(Issuer), "must not be empty");
        if (!new[] { "open", "invite", "closed" }.Contains(o.RegistrationMode, StringComparer.OrdinalIgnoreCase))
            yield return OptionsRegistration.Setting(Section, nameof(RegistrationMode), "must be open, invite or closed");
    }
}

/// <summary>Section <c>Supabase</c>: the project GoTrue runs in (Supabase mode only).</summary>
public sealed class SupabaseOptions
{
    public const string Section = "Supabase";

    public string Url { get; set; } = "";

    public string AnonKey { get; set; } = "";

    public string ServiceRoleKey { get; set; } = "";

    internal static IEnumerable<string> Validate(SupabaseOptions o, bool required)
    {
        if (!required) yield break;
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            yield return OptionsRegistration.Setting(Section, nameof(Url), "must be the project's http(s) URL in Supabase mode");
        if (string.IsNullOrWhiteSpace(o.AnonKey))
            yield return OptionsRegistration.Setting(Section, nameof(AnonKey), "is required in Supabase mode");
        if (string.IsNullOrWhiteSpace(o.ServiceRoleKey))
            yield return OptionsRegistration.Setting(Section, nameof(ServiceRoleKey), "is required in Supabase mode");
    }
}

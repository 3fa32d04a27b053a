using FairDatabase.Core.Configuration;

namespace FairDatabase.Core.ApiTokens;

/// <summary>Section <c>Api</c>: personal API tokens and the JSON API's per-token rate limit.</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Api";

    /// <summary>The hard ceiling of a token's lifetime.</summary>
    public const int MaxExpiryDays = 365;

    /// <summary>Requests per token per minute (then 429).</summary>
    public int PermitPerMinute { get; set; } = 120;

    /// <summary>The lifetime the create form proposes.</summary>
    public int DefaultExpiryDays { get; set; } = 90;

    /// <summary>Live (unrevoked, unexpired) tokens one user may hold.</summary>
    public int MaxTokensPerUser { get; set; } = 50;

    internal static IEnumerable<string> Validate(ApiTokenOptions o)
    {
        if (o.PermitPerMinute < 1)
            yield return OptionsRegistration.Setting(Section, nameof(PermitPerMinute), "must be at least 1");
        if (o.DefaultExpiryDays is < 1 or > MaxExpiryDays)
            yield return OptionsRegistration.Setting(Section, nameof(DefaultExpiryDays), $"must be from 1 to {MaxExpiryDays}");
        if (o.MaxTokensPerUser < 1)
            yield return OptionsRegistration.Setting(Section, nameof(MaxTokensPerUser), "must be at least 1");
    }
}

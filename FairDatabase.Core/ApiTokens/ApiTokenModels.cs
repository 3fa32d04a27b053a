namespace FairDatabase.Core.ApiTokens;

/// <summary>What a token may do: <c>read</c> for GETs, <c>write</c> also for uploads.</summary>
public enum ApiTokenScope
{
    Read,
    Write,
}

/// <summary>A token as its owner's list shows it (never the token nor its hash).</summary>
public sealed record ApiTokenInfo(Guid Id, string Name, ApiTokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary>A just-created token: <see cref="Token"/> is shown to its owner once and stored nowhere.</summary>
public sealed record CreatedApiToken(string Token, ApiTokenInfo Info)
{
    public override string ToString() => $"CreatedApiToken {{ Id = {Info.Id} }}"; // never the token
}

/// <summary>
/// The account behind a presented token, as the API runs it: <see cref="ClaimsJson"/> are GoTrue-shaped
/// claims (sub, role authenticated, email, …) that the request's database work runs with, so RLS applies.
/// </summary>
public sealed record ApiTokenOwner(Guid TokenId, Guid UserId, string Email, ApiTokenScope Scope, DateTimeOffset ExpiresAt, string ClaimsJson);

/// <summary>A token request the owner has to correct; <see cref="Exception.Message"/> names the field.</summary>
public sealed class ApiTokenRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

public static class ApiTokenScopes
{
    public static string ToText(ApiTokenScope scope) => scope == ApiTokenScope.Write ? "write" : "read";

    public static ApiTokenScope? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "read" => ApiTokenScope.Read,
        "write" => ApiTokenScope.Write,
        _ => null,
    };
}

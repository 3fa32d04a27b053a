using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.ApiTokens;

/// <summary>The signed-in user's own API tokens: create (the token is returned once), list and revoke.</summary>
public interface IApiTokenService
{
    /// <exception cref="ApiTokenRequestException">A name, scope or lifetime to correct, or too many live tokens.</exception>
    Task<CreatedApiToken> CreateAsync(string? name, string? scope, int expiryDays, CancellationToken ct);

    /// <summary>The caller's tokens that are not revoked (expired ones included, so they can be recognised), newest first.</summary>
    Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken ct);

    /// <summary>False when the caller has no such live token (someone else's answers the same).</summary>
    Task<bool> RevokeAsync(Guid tokenId, CancellationToken ct);
}

/// <summary>
/// Runs as the signed-in user, so RLS confines every statement to the caller's own rows; the hash
/// is written but cannot be read back (no SELECT grant on it, see the api_tokens migration).
/// </summary>
public sealed class ApiTokenService(IUserClient db, IOptions<ApiTokenOptions> options, TimeProvider time) : IApiTokenService
{
    private const string Columns =
        "id AS Id, name AS Name, scope AS ScopeText, created_at AS CreatedAt, expires_at AS ExpiresAt, last_used_at AS LastUsedAt";

    public async Task<CreatedApiToken> CreateAsync(string? name, string? scope, int expiryDays, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) throw new ApiTokenRequestException("name", "Give the token a name of 1 to 100 characters (e.g. the script or machine using it).");
        var parsedScope = ApiTokenScopes.Parse(scope) ?? throw new ApiTokenRequestException("scope", "The scope must be \"read\" or \"write\".");
        if (expiryDays is < 1 or > ApiTokenOptions.MaxExpiryDays)
            throw new ApiTokenRequestException("expiry_days", $"A token lasts from 1 to {ApiTokenOptions.MaxExpiryDays} days.");

        var token = ApiTokenFormat.NewToken();
        var hash = ApiTokenFormat.HashOf(token)!;
        var now = time.GetUtcNow();
        var limit = options.Value.MaxTokensPerUser;
        var row = await db.RunAsync<Row?>(async s =>
        {
            var live = await s.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM fairdb.api_tokens WHERE revoked_at IS NULL AND expires_at > @now", new { now });
            if (live >= limit) return null;
            return await s.QuerySingleOrDefaultAsync<Row>(
                $"""
                INSERT INTO fairdb.api_tokens (user_id, name, scope, token_hash, expires_at)
                VALUES (auth.uid(), @name, @scope, @hash, @expires)
                RETURNING {Columns}
                """,
                new { name, scope = ApiTokenScopes.ToText(parsedScope), hash, expires = now.AddDays(expiryDays) });
        }, ct);
        return row is null
            ? throw new ApiTokenRequestException("name", $"You already have {limit} live tokens: revoke one you no longer use first.")
            : new CreatedApiToken(token, row.ToInfo());
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken ct) =>
        [.. (await db.RunAsync(s => s.QueryAsync<Row>(
            $"SELECT {Columns} FROM fairdb.api_tokens WHERE revoked_at IS NULL ORDER BY created_at DESC, id"), ct)).Select(r => r.ToInfo())];

    public async Task<bool> RevokeAsync(Guid tokenId, CancellationToken ct) =>
        await db.RunAsync(s => s.ExecuteAsync(
            "UPDATE fairdb.api_tokens SET revoked_at = @now WHERE id = @tokenId AND revoked_at IS NULL",
            new { tokenId, now = time.GetUtcNow() }), ct) == 1;

#pragma warning disable CA1812 // Dapper creates it.
    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string ScopeText { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime ExpiresAt { get; set; }
        public DateTime? LastUsedAt { get; set; }

        public ApiTokenInfo ToInfo() => new(Id, Name, ApiTokenScopes.Parse(ScopeText) ?? ApiTokenScope.Read,
            Utc(CreatedAt), Utc(ExpiresAt), LastUsedAt is { } used ? Utc(used) : null);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
#pragma warning restore CA1812
}

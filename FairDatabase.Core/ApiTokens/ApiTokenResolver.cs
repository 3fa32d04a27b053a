using System.Text.Json.Nodes;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.ApiTokens;

/// <summary>Turns a presented token into its owner, or null for a malformed, unknown, revoked or expired token or a banned account.</summary>
public interface IApiTokenResolver
{
    Task<ApiTokenOwner?> ResolveAsync(string? token, CancellationToken ct);
}

/// <summary>
/// Looks the token's hash up as service_role (the only role that may read hashes), with the
/// account's ban checked in the same statement, so a ban stops every token at once. Last use is
/// recorded at most once a minute per token, so a busy script does not write on every call.
/// In Supabase mode this reads auth.users like the sessions page does (see the README).
/// </summary>
public sealed class ApiTokenResolver(IServiceRoleClient db, TimeProvider time) : IApiTokenResolver
{
    public async Task<ApiTokenOwner?> ResolveAsync(string? token, CancellationToken ct)
    {
        if (ApiTokenFormat.HashOf(token) is not { } hash) return null;
        var now = time.GetUtcNow();
        var row = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<Row>(
            """
            WITH found AS (
              SELECT t.id, t.user_id, t.scope, t.expires_at, u.email,
                     coalesce(u.raw_app_meta_data, '{}')::text AS app_metadata,
                     coalesce(u.raw_user_meta_data, '{}')::text AS user_metadata
              FROM fairdb.api_tokens t JOIN auth.users u ON u.id = t.user_id
              WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND t.expires_at > @now
                AND (u.banned_until IS NULL OR u.banned_until <= @now)),
            touched AS (
              UPDATE fairdb.api_tokens t SET last_used_at = @now
              FROM found WHERE t.id = found.id AND (t.last_used_at IS NULL OR t.last_used_at < @now - interval '1 minute'))
            SELECT id AS TokenId, user_id AS UserId, scope AS Scope, expires_at AS ExpiresAt, email AS Email,
                   app_metadata AS AppMetadata, user_metadata AS UserMetadata
            FROM found
            """, new { hash, now }), ct);
        if (row is null) return null;
        var scope = ApiTokenScopes.Parse(row.Scope) ?? ApiTokenScope.Read;
        return new ApiTokenOwner(row.TokenId, row.UserId, row.Email ?? "", scope,
            new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)), Claims(row, now));
    }

    /// <summary>GoTrue's claim shape, so RLS policies and auth.jwt() read an API call like a page's; amr says how the caller signed in.</summary>
    private static string Claims(Row row, DateTimeOffset now) => new JsonObject
    {
        ["sub"] = row.UserId.ToString(),
        ["aud"] = "authenticated",
        ["role"] = "authenticated",
        ["email"] = row.Email ?? "",
        ["app_metadata"] = JsonNode.Parse(row.AppMetadata),
        ["user_metadata"] = JsonNode.Parse(row.UserMetadata),
        ["aal"] = "aal1",
        ["amr"] = new JsonArray(new JsonObject { ["method"] = "api_token", ["timestamp"] = now.ToUnixTimeSeconds() }),
        ["is_anonymous"] = false,
        ["api_token_id"] = row.TokenId.ToString(),
    }.ToJsonString();

#pragma warning disable CA1812 // Dapper creates it.
    private sealed class Row
    {
        public Guid TokenId { get; set; }
        public Guid UserId { get; set; }
        public string Scope { get; set; } = "";
        public DateTime ExpiresAt { get; set; }
        public string? Email { get; set; }
        public string AppMetadata { get; set; } = "{}";
        public string UserMetadata { get; set; } = "{}";
    }
#pragma warning restore CA1812
}

using FairDatabase.Core.Data;

namespace FairDatabase.Core.Auth;

/// <summary>One of a user's sessions as /account/sessions lists it.</summary>
public sealed record UserSession(Guid Id, DateTime CreatedAt, DateTime LastActiveAt, string? UserAgent, string? Ip, string Aal);

/// <summary>A user's own sessions: list them and end them (the tokens of an ended session stop working at once).</summary>
public interface ISessionDirectory
{
    Task<IReadOnlyList<UserSession>> ListAsync(Guid userId, CancellationToken ct);

    /// <summary>False when the user has no such session (someone else's answers the same).</summary>
    Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken ct);

    /// <returns>How many sessions were ended.</returns>
    Task<int> RevokeOthersAsync(Guid userId, Guid keepSessionId, CancellationToken ct);
}

/// <summary>
/// Reads and deletes auth.sessions rows as service_role, always filtered by the caller's user id;
/// deleting a session cascades to its refresh tokens. Only sessions that are still alive are listed.
/// In Supabase mode the same SQL needs service_role access to auth.sessions (see the README).
/// </summary>
public sealed class SessionDirectory(IServiceRoleClient db, Microsoft.Extensions.Options.IOptions<AuthOptions> options, TimeProvider time) : ISessionDirectory
{
    public async Task<IReadOnlyList<UserSession>> ListAsync(Guid userId, CancellationToken ct) =>
        [.. await db.RunAsync(s => s.QueryAsync<UserSession>(
            $"""
            SELECT ses.id AS Id, ses.created_at AS CreatedAt,
                   coalesce(ses.refreshed_at AT TIME ZONE 'utc', ses.created_at) AS LastActiveAt,
                   ses.user_agent AS UserAgent, host(ses.ip) AS Ip, ses.aal AS Aal
            FROM auth.sessions ses JOIN auth.users u ON u.id = ses.user_id
            WHERE ses.user_id = @userId AND {SessionRules.Alive}
            ORDER BY LastActiveAt DESC
            """, SessionRules.Parameters(new { userId }, options.Value, time)), ct)];

    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken ct) =>
        await db.RunAsync(s => s.ExecuteAsync(
            "DELETE FROM auth.sessions WHERE id = @sessionId AND user_id = @userId", new { sessionId, userId }), ct) == 1;

    public Task<int> RevokeOthersAsync(Guid userId, Guid keepSessionId, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync(
            "DELETE FROM auth.sessions WHERE user_id = @userId AND id <> @keepSessionId", new { userId, keepSessionId }), ct);
}

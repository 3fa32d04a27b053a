using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// <see cref="IAnonymizationWorkspaceStore"/> over the user client: RLS restricts every statement
/// to the caller's own row, so one user can never read or overwrite another's working copy.
/// </summary>
public sealed class AnonymizationWorkspaceStore(IUserClient db) : IAnonymizationWorkspaceStore
{
    public async Task<StoredWorkspace?> LoadAsync(CancellationToken ct)
    {
        var row = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<Row>(
            "SELECT state::text AS state, original, current FROM fairdb_work.workspaces WHERE user_id = auth.uid()"), ct);
        return row is null ? null : new StoredWorkspace(WorkspaceState.FromJson(row.state), row.original, row.current);
    }

    public async Task SaveAsync(WorkspaceState state, AnonTable current, AnonTable? original, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(current);
        var parameters = new
        {
            user = UserId(),
            state = new JsonbParameter(state.ToJson()),
            current = AnonTableCodec.Encode(current),
            original = original is null ? null : AnonTableCodec.Encode(original),
        };
        await db.RunAsync(s => s.ExecuteAsync(
            """
            INSERT INTO fairdb_work.workspaces (user_id, state, original, current, updated_at)
            VALUES (@user, @state, @original, @current, now())
            ON CONFLICT (user_id) DO UPDATE
              SET state = excluded.state, current = excluded.current, updated_at = now(),
                  original = coalesce(excluded.original, fairdb_work.workspaces.original)
            """, parameters), ct);
    }

    public Task<string?> LoadReportAsync(CancellationToken ct) =>
        db.RunAsync(s => s.QuerySingleOrDefaultAsync<string?>(
            "SELECT last_report::text FROM fairdb_work.workspaces WHERE user_id = auth.uid()"), ct);

    public async Task<bool> SaveReportAsync(string json, CancellationToken ct) =>
        await db.RunAsync(s => s.ExecuteAsync(
            "UPDATE fairdb_work.workspaces SET last_report = @report, updated_at = now() WHERE user_id = auth.uid()",
            new { report = new JsonbParameter(json) }), ct) == 1;

    public Task ResetAsync(CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync("DELETE FROM fairdb_work.workspaces WHERE user_id = auth.uid()"), ct);

    private Guid UserId() => db.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed record Row(string state, byte[]? original, byte[]? current);
#pragma warning restore IDE1006, CA1812
}

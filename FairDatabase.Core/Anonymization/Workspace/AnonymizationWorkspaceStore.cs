using System.Text.Json;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// <see cref="IAnonymizationWorkspaceStore"/> over the user client: RLS restricts every statement
/// to the caller's own rows, so one user can never read or overwrite another's working copy.
/// The store lives for one request; what it loaded is kept until it writes, so a page that
/// checks the step, applies it and shows the result parses the source layout once.
/// </summary>
public sealed class AnonymizationWorkspaceStore(IUserClient db) : IAnonymizationWorkspaceStore
{
    private StoredWorkspace? _loaded;

    public async Task<StoredWorkspace?> LoadAsync(CancellationToken ct) => _loaded ??= await ReadAsync(ct);

    private async Task<StoredWorkspace?> ReadAsync(CancellationToken ct)
    {
        var row = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<Row>(
            "SELECT state::text AS state, source::text AS source, row_ids, kept_rows FROM fairdb_work.workspaces WHERE user_id = auth.uid()"), ct);
        if (row is null) return null;
        var layout = row.source is null ? null : JsonSerializer.Deserialize<SourceLayout>(row.source, WorkspaceState.Json);
        return new StoredWorkspace(WorkspaceState.FromJson(row.state), layout, row.row_ids is null ? null : RowIds(row.row_ids),
            row.kept_rows is null ? null : RowMask.FromBytes(row.kept_rows));
    }

    public async Task<Guid> StartAsync(WorkspaceState state, SourceLayout layout, int[]? rowIds, IReadOnlyList<ColumnBlock>? blocks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(layout);
        _loaded = null;
        // Every start writes new blocks: a new name for them, so decoded columns kept in memory never outlive them.
        var copy = Guid.NewGuid();
        state = state with { Source = state.Source is { } source ? source with { Copy = copy } : null };
        var parameters = new
        {
            user = UserId(),
            state = new JsonbParameter(state.ToJson()),
            source = new JsonbParameter(JsonSerializer.Serialize(layout, WorkspaceState.Json)),
            rowIds = rowIds is null ? null : RowIdBytes(rowIds),
        };
        // The blocks cannot be replayed from a consumed request body (nor scanned again cheaply), so no retries here.
        await db.RunOnceAsync(async s =>
        {
            await s.ExecuteAsync("DELETE FROM fairdb_work.workspaces WHERE user_id = auth.uid()");
            await s.ExecuteAsync(
                "INSERT INTO fairdb_work.workspaces (user_id, state, source, row_ids, updated_at) VALUES (@user, @state, @source, @rowIds, now())",
                parameters);
            if (blocks is not null) await WorkspaceColumnBlocks.WriteAsync(s, blocks);
            return true;
        }, ct);
        return copy;
    }

    public async Task SaveStateAsync(WorkspaceState state, CancellationToken ct, bool setKeptRows = false, RowMask? keptRows = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _loaded = null;
        var sql = setKeptRows
            ? "UPDATE fairdb_work.workspaces SET state = @state, kept_rows = @kept, updated_at = now() WHERE user_id = auth.uid()"
            : "UPDATE fairdb_work.workspaces SET state = @state, updated_at = now() WHERE user_id = auth.uid()";
        var updated = await db.RunAsync(s => s.ExecuteAsync(sql, new { state = new JsonbParameter(state.ToJson()), kept = keptRows?.ToBytes() }), ct);
        if (updated == 0) throw new WorkflowStepException(state.Step, WorkflowStep.Upload); // reset meanwhile (another tab)
    }

    public Task<string?> LoadReportAsync(CancellationToken ct) =>
        db.RunAsync(s => s.QuerySingleOrDefaultAsync<string?>(
            "SELECT last_report::text FROM fairdb_work.workspaces WHERE user_id = auth.uid()"), ct);

    // The report can be computed again from the working copy: its commit does not wait for the
    // disk (a crash loses at most the last report, never the working copy).
    public async Task<bool> SaveReportAsync(string json, CancellationToken ct) =>
        await db.RunAsync(async s =>
        {
            await s.ExecuteAsync("SET LOCAL synchronous_commit = off");
            return await s.ExecuteAsync(
                "UPDATE fairdb_work.workspaces SET last_report = @report, updated_at = now() WHERE user_id = auth.uid()",
                new { report = new JsonbParameter(json) });
        }, ct) == 1;

    public Task ResetAsync(CancellationToken ct)
    {
        _loaded = null;
        return db.RunAsync(s => s.ExecuteAsync("DELETE FROM fairdb_work.workspaces WHERE user_id = auth.uid()"), ct);
    }

    private Guid UserId() => db.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);

    private static byte[] RowIdBytes(int[] ids)
    {
        var bytes = new byte[ids.Length * 4];
        Buffer.BlockCopy(ids, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static int[] RowIds(byte[] bytes)
    {
        var ids = new int[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, ids, 0, bytes.Length);
        return ids;
    }

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed record Row(string state, string? source, byte[]? row_ids, byte[]? kept_rows);
#pragma warning restore IDE1006, CA1812
}

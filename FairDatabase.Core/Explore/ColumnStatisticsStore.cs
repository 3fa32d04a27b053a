using FairDatabase.Core.Data;

namespace FairDatabase.Core.Explore;

/// <summary>
/// Keeps computed statistics in <c>fairdb.column_statistics</c> (owner writes, owner and grantees
/// read) until the dataset changes. A computation first claims the row with a fresh token and stores its result only if
/// the token is still there, so an invalidation that lands while it runs is never overwritten
/// with stale figures.
/// </summary>
public interface IColumnStatisticsStore
{
    /// <summary>The kept statistics as JSON text, or null when there are none.</summary>
    Task<string?> GetJsonAsync(Guid datasetId, CancellationToken ct);

    /// <summary>Null when the caller does not own the dataset: a grantee reads kept statistics but never writes them.</summary>
    Task<Guid?> ClaimAsync(Guid datasetId, CancellationToken ct);

    Task SaveAsync(Guid datasetId, Guid claim, string json, CancellationToken ct);

    /// <summary>Forgets the statistics of a dataset (its data changed, e.g. metadata attached).</summary>
    Task InvalidateAsync(Guid datasetId, CancellationToken ct);

    /// <summary>Forgets the statistics of every dataset made of these physical tables (a cell changed).</summary>
    Task InvalidateTablesAsync(IReadOnlyList<string> tableNames, CancellationToken ct);
}

public sealed class ColumnStatisticsStore(IUserClient db) : IColumnStatisticsStore
{
    public Task<string?> GetJsonAsync(Guid datasetId, CancellationToken ct) =>
        db.RunAsync(s => s.QuerySingleOrDefaultAsync<string?>(
            "SELECT columns::text FROM fairdb.column_statistics WHERE dataset_id = @datasetId AND columns IS NOT NULL", new { datasetId }), ct);

    public Task<Guid?> ClaimAsync(Guid datasetId, CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        return db.RunAsync(async s =>
        {
            var claimed = await s.ExecuteAsync(
                """
                INSERT INTO fairdb.column_statistics (dataset_id, user_id, claim)
                SELECT d.id, d.user_id, @claim FROM fairdb.datasets d WHERE d.id = @datasetId AND d.user_id = auth.uid()
                ON CONFLICT (dataset_id) DO UPDATE SET claim = excluded.claim, columns = NULL, computed_at = NULL
                """, new { datasetId, claim });
            return claimed == 1 ? claim : (Guid?)null;
        }, ct);
    }

    public Task SaveAsync(Guid datasetId, Guid claim, string json, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync(
            "UPDATE fairdb.column_statistics SET columns = @json::jsonb, computed_at = now() WHERE dataset_id = @datasetId AND claim = @claim",
            new { datasetId, claim, json }), ct);

    public Task InvalidateAsync(Guid datasetId, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync("DELETE FROM fairdb.column_statistics WHERE dataset_id = @datasetId", new { datasetId }), ct);

    public Task InvalidateTablesAsync(IReadOnlyList<string> tableNames, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync(
            """
            DELETE FROM fairdb.column_statistics
            WHERE dataset_id IN (SELECT dataset_id FROM fairdb.dataset_tables WHERE table_name = ANY(@tables))
            """, new { tables = tableNames.ToArray() }), ct);
}

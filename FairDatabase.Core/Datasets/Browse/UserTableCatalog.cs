using FairDatabase.Core.Data;
using Microsoft.Extensions.Caching.Memory;

namespace FairDatabase.Core.Datasets.Browse;

/// <summary>One of the caller's physical data tables and its columns in table order.</summary>
public sealed record UserTable(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>Columns every data table has and no user may change: the row key and the owner.</summary>
    public static readonly IReadOnlySet<string> SystemColumns = new HashSet<string>(StringComparer.Ordinal) { "rowid", "user_id" };

    /// <summary>The patient/sample id column: create_data_table puts it right after rowid and user_id.</summary>
    public string IdColumn => Columns.FirstOrDefault(c => !SystemColumns.Contains(c)) ?? "";

    /// <summary>The id column and the data columns, without the system columns.</summary>
    public IEnumerable<string> VisibleColumns => Columns.Where(c => !SystemColumns.Contains(c));
}

/// <summary>
/// The tables the signed-in user may read (its own and those shared with it) and their columns,
/// read through the ownership-filtered RPC functions and cached per user. An upload calls
/// <see cref="Invalidate"/>.
/// </summary>
public interface IUserTableCatalog
{
    Task<IReadOnlyList<UserTable>> GetAsync(CancellationToken ct);

    /// <summary>The same, inside a unit of work the caller already runs as the user (one transaction for both).</summary>
    Task<IReadOnlyList<UserTable>> GetAsync(DbSession session);

    void Invalidate(Guid userId);
}

/// <remarks>
/// Several app instances serve one user (README, deployment), and an upload on one cannot clear
/// the others' caches. So each use first reads a stamp of the user's tables (how many, and the
/// newest metadata id: one indexed row) and reuses the cached columns only while it matches;
/// the expensive part, the columns of every table, is read again only when the tables changed.
/// The stamp also carries the caller's current grants, so a revoked grantee stops seeing the
/// table names on its next request, whichever instance served the revoke.
/// </remarks>
public sealed class UserTableCatalog(IUserClient db, IMemoryCache cache) : IUserTableCatalog
{
    // Every use checks the stamp, so the lifetime only bounds memory and how long a change made
    // behind the app's back (an administrator's ALTER TABLE) can stay unseen. It was 60 s, which
    // read every active user's columns again each minute: 50-140 ms of PostgreSQL for a
    // 1,500-column dataset, several per second with 50 users browsing.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private sealed record Entry((long Count, long MaxId, string Grants) Stamp, IReadOnlyList<UserTable> Tables);

    private const string StampSql =
        """
        SELECT count(*), coalesce(max(id), 0)::bigint,
               (SELECT coalesce(string_agg(dataset_id::text, ',' ORDER BY dataset_id), '')
                FROM fairdb.dataset_grants WHERE grantee = auth.uid())
        FROM _realtime.metadata_tables WHERE user_id = auth.uid()
        """;

    /// <summary>
    /// The usual case, the cached tables still current, costs one round trip (the stamp as a
    /// batch read); only a changed stamp opens a transaction to read the columns again.
    /// </summary>
    public async Task<IReadOnlyList<UserTable>> GetAsync(CancellationToken ct)
    {
        var userId = db.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);
        if (cache.TryGetValue(Key(userId), out Entry? cached) && cached is not null)
        {
            var stamp = await db.ReadAsync([new DbStatement(StampSql)], ReadStampAsync, ct);
            if (cached.Stamp == stamp) return cached.Tables;
        }
        return await db.RunAsync(GetAsync, ct);
    }

    public async Task<IReadOnlyList<UserTable>> GetAsync(DbSession session)
    {
        var userId = session.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);
        cache.TryGetValue(Key(userId), out Entry? cached);
        var stamp = await session.QuerySingleOrDefaultAsync<(long, long, string)>(StampSql);
        if (cached is not null && cached.Stamp == stamp) return cached.Tables;
        var tables = await ReadTablesAsync(session);
        cache.Set(Key(userId), new Entry(stamp, tables), Lifetime);
        return tables;
    }

    public void Invalidate(Guid userId) => cache.Remove(Key(userId));

    private static async Task<(long, long, string)> ReadStampAsync(Npgsql.NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
    }

    private static async Task<IReadOnlyList<UserTable>> ReadTablesAsync(DbSession s)
    {
        // One statement, and only through the RPC functions that filter by owner or grant. Their
        // row estimates cross jit_above_cost, and compiling the plan took longer than running it
        // (about 20 ms of PostgreSQL's LLVM per read): JIT is off for this transaction only.
        await s.ExecuteScalarAsync<string>("SELECT set_config('jit', 'off', true)");
        var rows = await s.QueryAsync<(string Table, string Column)>(
            """
            SELECT t.table_name, c.column_name
            FROM public.get_all_tables('_realtime') AS t (table_name),
                 LATERAL public.get_table_columns(t.table_name, '_realtime')
                   WITH ORDINALITY AS c (column_name, data_type, is_nullable, position)
            WHERE t.table_name <> 'metadata_tables'
            ORDER BY t.table_name, c.position
            """);
        return rows.GroupBy(r => r.Table, StringComparer.Ordinal)
            .Select(g => new UserTable(g.Key, g.Select(r => r.Column).ToList()))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Key(Guid userId) => "user-tables:" + userId.ToString("N");
}

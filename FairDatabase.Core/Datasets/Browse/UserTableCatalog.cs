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
/// read through the ownership-filtered RPC functions and cached for 60 s per user.
/// An upload calls <see cref="Invalidate"/>. Grants can change on another instance, so every
/// read first fetches the caller's current grants (one indexed query) and reloads on a change:
/// a revoked grantee stops seeing the table names on its next request.
/// </summary>
public interface IUserTableCatalog
{
    Task<IReadOnlyList<UserTable>> GetAsync(CancellationToken ct);

    void Invalidate(Guid userId);
}

public sealed class UserTableCatalog(IUserClient db, IMemoryCache cache) : IUserTableCatalog
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private sealed record Entry(string Grants, IReadOnlyList<UserTable> Tables);

    public async Task<IReadOnlyList<UserTable>> GetAsync(CancellationToken ct)
    {
        var userId = db.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);
        var grants = await db.RunAsync(s => s.ExecuteScalarAsync<string>(
            "SELECT coalesce(string_agg(dataset_id::text, ',' ORDER BY dataset_id), '') FROM fairdb.dataset_grants WHERE grantee = auth.uid()"), ct);
        if (cache.TryGetValue(Key(userId), out Entry? cached) && cached is not null && cached.Grants == grants) return cached.Tables;

        // One round trip, and only through the RPC functions that filter by owner or grant.
        var rows = await db.RunAsync(s => s.QueryAsync<(string Table, string Column)>(
            """
            SELECT t.table_name, c.column_name
            FROM public.get_all_tables('_realtime') AS t (table_name),
                 LATERAL public.get_table_columns(t.table_name, '_realtime')
                   WITH ORDINALITY AS c (column_name, data_type, is_nullable, position)
            WHERE t.table_name <> 'metadata_tables'
            ORDER BY t.table_name, c.position
            """), ct);
        var tables = rows.GroupBy(r => r.Table, StringComparer.Ordinal)
            .Select(g => new UserTable(g.Key, g.Select(r => r.Column).ToList()))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        cache.Set(Key(userId), new Entry(grants ?? "", tables), Lifetime);
        return tables;
    }

    public void Invalidate(Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid userId) => "user-tables:" + userId.ToString("N");
}

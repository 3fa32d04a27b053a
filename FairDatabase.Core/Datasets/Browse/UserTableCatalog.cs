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
/// The signed-in user's tables and columns, read through the ownership-filtered RPC functions
/// and cached for 60 s per user (DESIGN §5.2). An upload calls <see cref="Invalidate"/>.
/// </summary>
public interface IUserTableCatalog
{
    Task<IReadOnlyList<UserTable>> GetAsync(CancellationToken ct);

    void Invalidate(Guid userId);
}

public sealed class UserTableCatalog(IUserClient db, IMemoryCache cache) : IUserTableCatalog
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<UserTable>> GetAsync(CancellationToken ct)
    {
        var userId = db.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);
        if (cache.TryGetValue(Key(userId), out IReadOnlyList<UserTable>? cached) && cached is not null) return cached;

        // One round trip, and only through the RPC functions that filter by owner.
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
        cache.Set(Key(userId), (IReadOnlyList<UserTable>)tables, Lifetime);
        return tables;
    }

    public void Invalidate(Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid userId) => "user-tables:" + userId.ToString("N");
}

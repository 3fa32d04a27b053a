using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Browse;

/// <summary>
/// Restores the uploaded file's own column names for a table: the id column's original name,
/// then the original names of the columns that went into this chunk, in file order. Tables with
/// no recorded header (made outside an upload) fall back to their column names.
/// </summary>
public sealed class RecordedHeaders(IUserClient db) : IOriginalHeaders
{
    public async Task<IReadOnlyList<string>> HeaderForAsync(UserTable table, CancellationToken ct)
    {
        var recorded = (await db.RunAsync(s => s.QueryAsync<(string Column, string Original)>(
            """
            SELECT c.column_name, c.original_name
            FROM fairdb.dataset_tables t
            JOIN fairdb.dataset_columns c
              ON c.dataset_id = t.dataset_id AND (c.chunk_index = t.chunk_index OR c.chunk_index IS NULL)
            WHERE t.table_name = @name
            ORDER BY c.ordinal
            """, new { name = table.Name }), ct)).ToDictionary(r => r.Column, r => r.Original, StringComparer.Ordinal);
        return table.VisibleColumns.Select(c => recorded.TryGetValue(c, out var original) ? original : c).ToList();
    }
}

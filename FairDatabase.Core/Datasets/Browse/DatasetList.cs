using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Browse;

public sealed record DatasetSummary(Guid Id, string DisplayName, string FileName, string? Description, string? Origin,
    long Rows, int Columns, int Tables, DateTimeOffset Created, IReadOnlyList<string> TableNames);

public sealed record DatasetPage(IReadOnlyList<DatasetSummary> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The signed-in user's uploaded datasets, newest first (RLS shows only the caller's).</summary>
public sealed class DatasetList(IUserClient db)
{
    public const int DefaultPageSize = 20;

    public async Task<DatasetPage> GetPageAsync(int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        return await db.RunAsync(async s =>
        {
            var total = await s.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fairdb.datasets");
            var rows = await s.QueryAsync<Row>(
                """
                SELECT d.id, d.display_name, d.file_name, d.description, d.origin, d.row_count, d.column_count, d.created_at,
                       array(SELECT t.table_name FROM fairdb.dataset_tables t WHERE t.dataset_id = d.id ORDER BY t.chunk_index) AS table_names
                FROM fairdb.datasets d
                ORDER BY d.created_at DESC, d.id
                LIMIT @limit OFFSET @offset
                """, new { limit = pageSize, offset = (page - 1) * pageSize });
            var items = rows.Select(r => new DatasetSummary(r.id, r.display_name, r.file_name, r.description, r.origin,
                r.row_count, r.column_count, r.table_names.Length, r.created_at, r.table_names)).ToList();
            return new DatasetPage(items, page, pageSize, total);
        }, ct);
    }

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed record Row(Guid id, string display_name, string file_name, string? description, string? origin,
        long row_count, int column_count, DateTime created_at, string[] table_names);
#pragma warning restore IDE1006, CA1812
}

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

    /// <summary>One of the caller's datasets by id; null when there is none (or it is someone else's).</summary>
    public async Task<DatasetSummary?> FindAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync("WHERE d.id = @id", new { id, limit = 1, offset = 0 }, ct)).FirstOrDefault();

    public async Task<DatasetPage> GetPageAsync(int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        return await db.RunAsync(async s =>
        {
            var total = await s.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fairdb.datasets");
            // A page past the end shows the last one (and the offset is computed in long: page may be int.MaxValue).
            page = Math.Min(page, Math.Max(1, (int)(((long)total + pageSize - 1) / pageSize)));
            var items = await QueryAsync(s, "", new { limit = pageSize, offset = (long)(page - 1) * pageSize });
            return new DatasetPage(items, page, pageSize, total);
        }, ct);
    }

    private Task<List<DatasetSummary>> QueryAsync(string where, object parameters, CancellationToken ct) =>
        db.RunAsync(s => QueryAsync(s, where, parameters), ct);

    private static async Task<List<DatasetSummary>> QueryAsync(DbSession s, string where, object parameters)
    {
        var rows = await s.QueryAsync<Row>(
            $"""
            SELECT d.id, d.display_name, d.file_name, d.description, d.origin, d.row_count, d.column_count, d.created_at,
                   array(SELECT t.table_name FROM fairdb.dataset_tables t WHERE t.dataset_id = d.id ORDER BY t.chunk_index) AS table_names
            FROM fairdb.datasets d
            {where}
            ORDER BY d.created_at DESC, d.id
            LIMIT @limit OFFSET @offset
            """, parameters);
        return rows.Select(r => new DatasetSummary(r.id, r.display_name, r.file_name, r.description, r.origin,
            r.row_count, r.column_count, r.table_names.Length, new DateTimeOffset(DateTime.SpecifyKind(r.created_at, DateTimeKind.Utc)), r.table_names)).ToList();
    }

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed class Row
    {
        public Guid id { get; set; }
        public string display_name { get; set; } = "";
        public string file_name { get; set; } = "";
        public string? description { get; set; }
        public string? origin { get; set; }
        public long row_count { get; set; }
        public int column_count { get; set; }
        public DateTime created_at { get; set; }
        public string[] table_names { get; set; } = [];
    }
#pragma warning restore IDE1006, CA1812
}

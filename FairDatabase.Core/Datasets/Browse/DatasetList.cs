using Dapper;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Browse;

public sealed record DatasetSummary(Guid Id, string DisplayName, string FileName, string? Description, string? Origin,
    long Rows, int Columns, int Tables, DateTimeOffset Created, IReadOnlyList<string> TableNames)
{
    /// <summary>How the upload was read (kind, delimiter, encoding, orientation); null for datasets stored before this was kept.</summary>
    public Formats.DetectedFormat? Format { get; init; }

    /// <summary>True for the caller's own datasets; false for one shared with the caller (read-only).</summary>
    public bool Owned { get; init; } = true;

    /// <summary>Who shared it with the caller; null for the caller's own datasets.</summary>
    public string? OwnerEmail { get; init; }
}

public sealed record DatasetPage(IReadOnlyList<DatasetSummary> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The datasets the signed-in user may read, newest first: its own, and those others shared with
/// it (RLS shows exactly these two kinds; <see cref="DatasetSummary.Owned"/> tells them apart).
/// </summary>
public sealed class DatasetList(IUserClient db)
{
    public const int DefaultPageSize = 20;

    /// <summary>A dataset the caller owns or was granted, by id; null when there is none it may read.</summary>
    public async Task<DatasetSummary?> FindAsync(Guid id, CancellationToken ct) =>
        (await QueryAsync("WHERE d.id = @id", new { id, limit = 1, offset = 0 }, ct)).FirstOrDefault();

    /// <summary>One of the caller's own datasets by id; null also for a dataset only shared with the caller.</summary>
    public async Task<DatasetSummary?> FindOwnedAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { Owned: true } d ? d : null;

    /// <summary>Datasets others shared with the caller, newest grant first, with the owner's e-mail.</summary>
    public Task<List<DatasetSummary>> GetSharedAsync(CancellationToken ct) =>
        QueryAsync(SharedWhere, new { limit = 200, offset = 0 }, ct);

    public async Task<DatasetPage> GetPageAsync(int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        return await db.RunAsync(async s =>
        {
            var total = await s.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fairdb.datasets WHERE user_id = auth.uid()");
            // A page past the end shows the last one (and the offset is computed in long: page may be int.MaxValue).
            page = Math.Min(page, Math.Max(1, (int)(((long)total + pageSize - 1) / pageSize)));
            var items = await QueryAsync(s, "WHERE d.user_id = auth.uid()", new { limit = pageSize, offset = (long)(page - 1) * pageSize });
            return new DatasetPage(items, page, pageSize, total);
        }, ct);
    }

    /// <summary>
    /// What the dashboard shows, in one round trip: a page of the caller's own datasets (a page
    /// past the end shows the last one; the count and the rows come from one statement, so they
    /// agree) and the datasets shared with the caller.
    /// </summary>
    public async Task<(DatasetPage Own, List<DatasetSummary> Shared)> GetDashboardAsync(int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var own = new DbStatement(
            $"""
            WITH total AS (SELECT count(*)::int AS n FROM fairdb.datasets WHERE user_id = auth.uid()),
                 shown AS (SELECT n, least(@page, greatest(1, (n + @limit - 1) / @limit))::int AS page FROM total)
            SELECT shown.n AS total, shown.page, d.*
            FROM shown LEFT JOIN LATERAL (
                SELECT {Columns}, true AS owned, NULL::text AS owner_email
                FROM fairdb.datasets d
                WHERE d.user_id = auth.uid()
                ORDER BY d.created_at DESC, d.id
                LIMIT @limit OFFSET (shown.page - 1)::bigint * @limit) d ON true
            """).With("page", page).With("limit", pageSize);
        var shared = new DbStatement(Select(SharedWhere, "LIMIT 200"));
        return await db.ReadAsync([own, shared], async (reader, token) =>
        {
            var parse = reader.GetRowParser<Row>(startIndex: 2, returnNullIfFirstMissing: true);
            var items = new List<DatasetSummary>();
            int total = 0, shownPage = page;
            while (await reader.ReadAsync(token))
            {
                (total, shownPage) = (reader.GetInt32(0), reader.GetInt32(1));
                if (parse(reader) is { } row) items.Add(Map(row));
            }
            await reader.NextResultAsync(token);
            var parseShared = reader.GetRowParser<Row>();
            var sharedItems = new List<DatasetSummary>();
            while (await reader.ReadAsync(token)) sharedItems.Add(Map(parseShared(reader)));
            return (new DatasetPage(items, shownPage, pageSize, total), sharedItems);
        }, ct);
    }

    private Task<List<DatasetSummary>> QueryAsync(string where, object parameters, CancellationToken ct) =>
        db.RunAsync(s => QueryAsync(s, where, parameters), ct);

    private const string SharedWhere = "WHERE d.id IN (SELECT fairdb.datasets_shared_with_caller()) AND d.user_id IS DISTINCT FROM auth.uid()";

    private const string Columns =
        """
        d.id, d.display_name, d.file_name, d.description, d.origin, d.row_count, d.column_count, d.created_at, d.source_format::text AS source_format,
               array(SELECT t.table_name FROM fairdb.dataset_tables t WHERE t.dataset_id = d.id ORDER BY t.chunk_index) AS table_names
        """;

    private static string Select(string where, string limit) =>
        $"""
        SELECT {Columns},
               d.user_id = auth.uid() AS owned, o.owner_email
        FROM fairdb.datasets d
        LEFT JOIN fairdb.shared_dataset_owners() o ON o.dataset_id = d.id
        {where}
        ORDER BY d.created_at DESC, d.id
        {limit}
        """;

    private static async Task<List<DatasetSummary>> QueryAsync(DbSession s, string where, object parameters) =>
        (await s.QueryAsync<Row>(Select(where, "LIMIT @limit OFFSET @offset"), parameters)).Select(Map).ToList();

    private static DatasetSummary Map(Row r) =>
        new(r.id, r.display_name, r.file_name, r.description, r.origin,
            r.row_count, r.column_count, r.table_names.Length, new DateTimeOffset(DateTime.SpecifyKind(r.created_at, DateTimeKind.Utc)), r.table_names)
        {
            Format = Formats.DetectedFormat.FromJson(r.source_format),
            Owned = r.owned,
            OwnerEmail = r.owner_email,
        };

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
        public string? source_format { get; set; }
        public bool owned { get; set; }
        public string? owner_email { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}

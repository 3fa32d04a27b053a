using System.Text.Json;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Browse;

public sealed record TablePreview(string TableName, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows,
    long RowCount, int ColumnCount);

/// <summary>The caller's table names, and those of them with a matching column.</summary>
public sealed record TableSearch(IReadOnlyList<string> Tables, IReadOnlyList<string> Matches);

/// <summary>Why a cell change was refused; the message is shown to the user.</summary>
public sealed class CellUpdateRejectedException(string message) : Exception(message);

/// <summary>Preview, search and cell correction over the caller's own tables only.</summary>
public interface IDatasetBrowser
{
    Task<IReadOnlyList<string>> ListTablesAsync(CancellationToken ct);

    Task<IReadOnlyList<string>> SearchByColumnAsync(string term, CancellationToken ct);

    /// <summary>All the caller's table names and those with a column matching <paramref name="term"/>, from one catalogue read.</summary>
    Task<TableSearch> SearchAsync(string term, CancellationToken ct);

    /// <summary>The caller's tables with a column whose name contains <paramref name="term"/> (case-insensitive, literal).</summary>
    Task<IReadOnlyList<UserTable>> TablesWithColumnAsync(string term, CancellationToken ct);

    /// <summary>Null when the table does not exist or belongs to someone else: callers cannot tell which.</summary>
    Task<TablePreview?> PreviewAsync(string tableName, CancellationToken ct);

    /// <returns>The number of the caller's tables in which the cell was changed (0 = nothing matched).</returns>
    Task<int> UpdateCellAsync(int rowId, string columnName, string newValue, CancellationToken ct);
}

public sealed class DatasetBrowser(IUserClient db, IUserTableCatalog catalog) : IDatasetBrowser
{
    public const int PreviewRows = 15;
    public const int PreviewColumns = 8;

    public async Task<IReadOnlyList<string>> ListTablesAsync(CancellationToken ct) =>
        (await catalog.GetAsync(ct)).Select(t => t.Name).ToList();

    public async Task<IReadOnlyList<string>> SearchByColumnAsync(string term, CancellationToken ct) =>
        (await TablesWithColumnAsync(term, ct)).Select(t => t.Name).ToList();

    public async Task<IReadOnlyList<UserTable>> TablesWithColumnAsync(string term, CancellationToken ct) =>
        Matching(await catalog.GetAsync(ct), term).ToList();

    public async Task<TableSearch> SearchAsync(string term, CancellationToken ct)
    {
        var tables = await catalog.GetAsync(ct);
        return new TableSearch(tables.Select(t => t.Name).ToList(), Matching(tables, term).Select(t => t.Name).ToList());
    }

    private static IEnumerable<UserTable> Matching(IEnumerable<UserTable> tables, string term) =>
        tables.Where(t => t.VisibleColumns.Any(c => c.Contains(term, StringComparison.OrdinalIgnoreCase)));

    public async Task<TablePreview?> PreviewAsync(string tableName, CancellationToken ct)
    {
        var table = (await catalog.GetAsync(ct)).FirstOrDefault(t => t.Name == tableName);
        return table is null ? null : await ReadPreviewAsync(table, ct);
    }

    /// <summary>
    /// Only the shown columns, as text, with the count in the same round trip: reading whole
    /// 1,200-column rows to show 8 of them made the preview the slowest page. The table comes from
    /// the caller's own catalogue, and RLS (user_id = auth.uid()) still decides which rows are read.
    /// </summary>
    private Task<TablePreview> ReadPreviewAsync(UserTable table, CancellationToken ct)
    {
        var shown = table.Columns.Where(c => c != "user_id").Take(PreviewColumns).ToList();
        var source = SqlIdentifier.Qualified("_realtime", table.Name);
        var select = string.Join(", ", shown.Select(c => "t." + SqlIdentifier.Quote(c) + "::text"));
        // t.rowid: the integer key, not the text column of the same name in the select list.
        return db.ReadAsync(
            [new DbStatement($"SELECT count(*) FROM {source}"),
             new DbStatement($"SELECT {select} FROM {source} AS t ORDER BY t.rowid LIMIT {PreviewRows}")],
            async (reader, token) =>
            {
                await reader.ReadAsync(token);
                var count = reader.GetInt64(0);
                await reader.NextResultAsync(token);
                var rows = new List<IReadOnlyList<string?>>(PreviewRows);
                while (await reader.ReadAsync(token))
                    rows.Add(Enumerable.Range(0, shown.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList());
                return new TablePreview(table.Name, shown, rows, count, table.VisibleColumns.Count());
            }, ct);
    }

    public async Task<int> UpdateCellAsync(int rowId, string columnName, string newValue, CancellationToken ct)
    {
        if (UserTable.SystemColumns.Contains(columnName))
            throw new CellUpdateRejectedException($"The column '{columnName}' cannot be changed.");
        var tables = (await catalog.GetAsync(ct)).Where(t => t.Columns.Contains(columnName)).ToList();
        if (tables.Any(t => t.IdColumn == columnName))
            throw new CellUpdateRejectedException("The id column cannot be changed: it holds the hashed patient id.");

        var updates = new JsonbParameter(JsonSerializer.Serialize(new Dictionary<string, string> { [columnName] = newValue }));
        var changed = 0;
        foreach (var table in tables)
        {
            try
            {
                await db.RunAsync(s => Rpc.ScalarAsync<bool>(s, "update_table_row",
                    new { p_table_name = table.Name, p_row_id = rowId, p_updates = updates, p_schema_name = "_realtime" }), ct);
                changed++;
            }
            catch (DatabaseException e) when (e.Kind == DbErrorKind.NotFound)
            {
                // This table has no such row of the caller's; another may.
            }
        }
        return changed;
    }
}

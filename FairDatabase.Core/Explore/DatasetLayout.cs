using FairDatabase.Core.Data;

namespace FairDatabase.Core.Explore;

/// <summary>One column of a dataset: its place in the file, its names, and which chunk table holds it (null: the id column, in every chunk).</summary>
public sealed record LayoutColumn(int Ordinal, string OriginalName, string Name, int? Chunk);

/// <summary>Where a dataset's columns live: its chunk tables in order and every column of the file.</summary>
public sealed record DatasetLayout(Guid Id, string DisplayName, long Rows, IReadOnlyList<string> Tables, IReadOnlyList<LayoutColumn> Columns)
{
    public LayoutColumn IdColumn => Columns[0];

    /// <summary>A column by its stored name or, failing that, by the name in the uploaded header.</summary>
    public LayoutColumn? Find(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? Columns.FirstOrDefault(c => c.OriginalName == name);

    /// <summary>Loads the caller's dataset (RLS: someone else's reads as missing); null when there is none.</summary>
    public static async Task<DatasetLayout?> LoadAsync(IDbClient db, Guid id, CancellationToken ct) =>
        await db.RunAsync(async s =>
        {
            var head = await s.QuerySingleOrDefaultAsync<(string Name, long Rows)?>(
                "SELECT display_name, row_count FROM fairdb.datasets WHERE id = @id", new { id });
            if (head is not { } h) return null;
            var tables = await s.QueryAsync<string>(
                "SELECT table_name FROM fairdb.dataset_tables WHERE dataset_id = @id ORDER BY chunk_index", new { id });
            var columns = await s.QueryAsync<(int Ordinal, string Original, string Name, int? Chunk)>(
                "SELECT ordinal, original_name, column_name, chunk_index FROM fairdb.dataset_columns WHERE dataset_id = @id ORDER BY ordinal", new { id });
            var list = columns.Select(c => new LayoutColumn(c.Ordinal, c.Original, c.Name, c.Chunk)).ToList();
            return list.Count == 0 ? null : new DatasetLayout(id, h.Name, h.Rows, tables.ToList(), list);
        }, ct);

    /// <summary>The chunk table holding a column (the id column: the first chunk).</summary>
    public string TableOf(LayoutColumn column) => Tables[column.Chunk ?? 0];

    public static string Quoted(string table) => SqlIdentifier.Qualified("_realtime", table);
}

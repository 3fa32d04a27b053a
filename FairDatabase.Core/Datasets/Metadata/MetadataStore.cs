using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets.Metadata;

/// <summary>The SQL of attaching sample metadata: the dataset, its chunks and rows, the new chunk table.</summary>
internal static class MetadataStore
{
#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    internal sealed class DatasetRow
    {
        public string display_name { get; set; } = "";
        public string? description { get; set; }
        public string? origin { get; set; }
        public long row_count { get; set; }
        public string id_column { get; set; } = "";
        public string id_hash { get; set; } = "";
        public Guid id { get; set; }
    }
#pragma warning restore IDE1006, CA1812

    internal sealed record MetadataTable(string Name, IReadOnlyList<string> Columns, string IdColumn);

    public static Task<DatasetRow?> FindDatasetAsync(DbSession s, Guid datasetId, Guid userId, bool lockRow) =>
        s.QuerySingleOrDefaultAsync<DatasetRow>(
            "SELECT id, display_name, description, origin, row_count, id_column, id_hash FROM fairdb.datasets WHERE id = @datasetId AND user_id = @userId"
            + (lockRow ? " FOR UPDATE" : ""), new { datasetId, userId });

    /// <summary>The dataset's chunk tables in order (the metadata chunk already dropped).</summary>
    public static async Task<List<string>> ChunksAsync(DbSession s, Guid datasetId) =>
        (await s.QueryAsync<string>("SELECT table_name FROM fairdb.dataset_tables WHERE dataset_id = @datasetId ORDER BY chunk_index", new { datasetId })).ToList();

    /// <summary>Every row of the first chunk: its rowid and hashed sample id, in rowid order.</summary>
    public static async Task<List<(int RowId, string Hash)>> RowIdsAsync(DbSession s, string firstChunk, string idColumn) =>
        (await s.QueryAsync<(int, string)>(
            $"SELECT rowid, {SqlIdentifier.Quote(idColumn)} FROM {SqlIdentifier.Qualified("_realtime", firstChunk)} ORDER BY rowid")).ToList();

    /// <summary>Creates <c>&lt;base&gt;_meta</c> and records it as the dataset's last chunk.</summary>
    public static async Task<MetadataTable> CreateAsync(DbSession s, DatasetRow dataset, List<string> chunks, MetadataFile file, Guid userId)
    {
        var datasetId = dataset.id;
        var existing = (await s.QueryAsync<(string Original, string Column)>(
            "SELECT original_name, column_name FROM fairdb.dataset_columns WHERE dataset_id = @datasetId ORDER BY ordinal", new { datasetId })).ToList();
        // Sanitizing the whole header again keeps the existing names and makes the new ones unique among them.
        var names = ColumnNames.Sanitize([.. existing.Select(e => e.Original), .. file.Header.Skip(1)]).Skip(existing.Count).ToArray();
        var first = chunks[0];
        var table = (first.EndsWith("_p0", StringComparison.Ordinal) ? first[..^3] : first) + "_meta";
        await Rpc.ScalarAsync<bool>(s, "create_data_table", new
        {
            p_schema_name = "_realtime", p_table_name = table, p_column_names = names, p_id_column = dataset.id_column,
        });
        var originals = file.Header.Skip(1).ToArray();
        await s.ExecuteAsync(
            """
            INSERT INTO fairdb.dataset_tables (dataset_id, chunk_index, table_name, column_count, user_id, sample_metadata)
            SELECT @datasetId, coalesce(max(chunk_index), -1) + 1, @table, @count, @userId, true FROM fairdb.dataset_tables WHERE dataset_id = @datasetId;
            INSERT INTO fairdb.dataset_columns (dataset_id, ordinal, original_name, column_name, chunk_index, user_id)
            SELECT @datasetId, @firstOrdinal + i - 1, o, c, (SELECT chunk_index FROM fairdb.dataset_tables WHERE table_name = @table), @userId
            FROM unnest(@originals, @names) WITH ORDINALITY AS u (o, c, i);
            INSERT INTO _realtime.metadata_tables (table_name, main_table, description, origin, user_id)
            VALUES (@table, @main, @description, @origin, @userId);
            UPDATE fairdb.datasets
               SET column_count = @firstOrdinal + @count,
                   original_header = (SELECT array_agg(original_name ORDER BY ordinal) FROM fairdb.dataset_columns WHERE dataset_id = @datasetId)
             WHERE id = @datasetId;
            """,
            new
            {
                datasetId, table, count = names.Length, userId, firstOrdinal = existing.Count, originals, names,
                main = dataset.display_name, description = dataset.description, origin = dataset.origin,
            });
        return new MetadataTable(table, names, dataset.id_column);
    }

    /// <summary>One row per dataset row, by binary COPY: the values of its sample in the file, or NULLs.</summary>
    public static async Task CopyRowsAsync(DbSession s, MetadataTable table, List<(int RowId, string Hash)> rows, MetadataFile file, Guid userId, CancellationToken ct)
    {
        var columns = new List<string> { "rowid", "user_id", table.IdColumn };
        columns.AddRange(table.Columns);
        var sql = $"COPY {SqlIdentifier.Qualified("_realtime", table.Name)} ({string.Join(", ", columns.Select(SqlIdentifier.Quote))}) FROM STDIN (FORMAT binary)";
        await using var copy = await s.Connection.BeginRawBinaryCopyAsync(sql, ct);
        copy.WriteTimeout = s.CommandTimeout * 1000;
        using var buffer = new CopyBuffer(1 << 20);
        BinaryCopyFormat.WriteHeader(buffer);
        string[] none = new string[table.Columns.Count];
        foreach (var (rowId, hash) in rows)
        {
            var values = file.BySampleHash.TryGetValue(hash, out var found) ? found.Values : none;
            BinaryCopyFormat.StartRow(buffer, columns.Count);
            BinaryCopyFormat.WriteInt32(buffer, rowId);
            BinaryCopyFormat.WriteUuid(buffer, userId);
            BinaryCopyFormat.WriteText(buffer, System.Text.Encoding.UTF8.GetBytes(hash));
            foreach (var value in values) BinaryCopyFormat.WriteText(buffer, System.Text.Encoding.UTF8.GetBytes(value ?? ""));
            if (buffer.Length < 1 << 20) continue;
            await copy.WriteAsync(buffer.Written, ct);
            buffer.Clear();
        }
        BinaryCopyFormat.WriteTrailer(buffer);
        await copy.WriteAsync(buffer.Written, ct);
    }
}

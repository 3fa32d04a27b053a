using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Formats;

namespace FairDatabase.Core.Datasets;

/// <summary>The SQL of an import other than the rows: tables, FAIRDatabase metadata and our details.</summary>
internal static class DatasetStore
{
    /// <summary>
    /// The chunk tables without their row key, indexes and foreign key: those are added by
    /// <see cref="KeyTablesAsync"/> once the rows are in (one index build and one foreign-key
    /// check instead of one per row; auth.users locked only at the end). The finished tables are
    /// what <c>create_data_table</c> makes.
    /// </summary>
    public static async Task CreateTablesAsync(DbSession s, ImportPlan plan)
    {
        foreach (var chunk in plan.Chunks)
        {
            // The function quotes every name with format('%I').
            await s.ExecuteAsync("SELECT fairdb.create_unkeyed_data_table(@table, @columns, @idColumn)", new
            {
                table = chunk.Table,
                columns = chunk.FileColumns.Select(i => plan.ColumnNames[i]).ToArray(),
                idColumn = plan.IdColumn,
            });
        }
    }

    public static async Task KeyTablesAsync(DbSession s, ImportPlan plan)
    {
        foreach (var chunk in plan.Chunks)
            await s.ExecuteAsync("SELECT fairdb.key_data_table(@table, @idColumn)", new { table = chunk.Table, idColumn = plan.IdColumn });
    }

    /// <summary>One metadata_tables row per physical table, and the fairdb.* details of the dataset.</summary>
    public static async Task RecordAsync(DbSession s, ImportPlan plan, UploadRequest request, PreparedUpload prepared, Guid userId, string idHash)
    {
        var layout = prepared.Layout;
        var tables = plan.Chunks.Select(c => c.Table).ToArray();
        await s.ExecuteAsync(
            """
            INSERT INTO _realtime.metadata_tables (table_name, main_table, description, origin, user_id)
            SELECT t, @main, @description, @origin, @userId FROM unnest(@tables) AS t
            """,
            new { tables, main = plan.DisplayName, description = request.Description, origin = request.Origin, userId });

        await s.ExecuteAsync(
            """
            INSERT INTO fairdb.datasets (id, user_id, display_name, file_name, description, origin, row_count, column_count, id_column, id_hash, original_header, source_format)
            VALUES (@id, @userId, @display, @file, @description, @origin, @rows, @columns, @idColumn, @idHash, @header, @format::jsonb)
            """,
            new
            {
                id = plan.DatasetId, userId, display = plan.DisplayName, file = request.FileName, description = request.Description,
                origin = request.Origin, rows = layout.Rows, columns = layout.Header.Count, idColumn = plan.IdColumn, idHash,
                header = layout.Header.ToArray(), format = prepared.Detected.ToJson(),
            });

        await s.ExecuteAsync(
            """
            INSERT INTO fairdb.dataset_tables (dataset_id, chunk_index, table_name, column_count, user_id)
            SELECT @id, i - 1, t, n, @userId FROM unnest(@tables, @counts) WITH ORDINALITY AS u (t, n, i)
            """,
            new { id = plan.DatasetId, tables, counts = plan.Chunks.Select(c => c.FileColumns.Count).ToArray(), userId });

        var chunkOf = new int?[layout.Header.Count];
        foreach (var chunk in plan.Chunks)
            foreach (var column in chunk.FileColumns) chunkOf[column] = chunk.Index;
        await s.ExecuteAsync(
            """
            INSERT INTO fairdb.dataset_columns (dataset_id, ordinal, original_name, column_name, chunk_index, user_id, feature_metadata)
            SELECT @id, i - 1, o, c, k, @userId, m::jsonb FROM unnest(@originals, @names, @chunks, @metadata) WITH ORDINALITY AS u (o, c, k, m, i)
            """,
            new
            {
                id = plan.DatasetId, originals = layout.Header.ToArray(), names = plan.ColumnNames.ToArray(), chunks = chunkOf, userId,
                metadata = prepared.ColumnMetadata.Count == layout.Header.Count ? prepared.ColumnMetadata.ToArray() : new string?[layout.Header.Count],
            });
    }
}

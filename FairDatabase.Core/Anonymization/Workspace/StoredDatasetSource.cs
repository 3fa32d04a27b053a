using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using Npgsql;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>One of the user's stored datasets: its display name and physical tables in chunk order.</summary>
public sealed record StoredDataset(string Name, IReadOnlyList<string> Tables);

/// <summary>The user's stored datasets as a starting point for the generalization workflow.</summary>
public interface IStoredDatasetSource
{
    Task<IReadOnlyList<StoredDataset>> ListAsync(CancellationToken ct);

    /// <summary>The dataset's rows with every column but rowid and user_id; null when the user has no such dataset.</summary>
    Task<AnonTable?> LoadAsync(string name, CancellationToken ct);
}

/// <summary>
/// Reads datasets through the user client (RLS: only the caller's rows and tables). A dataset's
/// chunk tables share row ids, so each is exported ordered by rowid and the columns are joined
/// side by side; the id column comes from the first chunk only. Headers are the uploaded file's
/// own names when recorded.
/// </summary>
public sealed class StoredDatasetSource(IUserClient db, IUserTableCatalog catalog, IOriginalHeaders headers) : IStoredDatasetSource
{
    public async Task<IReadOnlyList<StoredDataset>> ListAsync(CancellationToken ct)
    {
        // metadata_tables records every chunk in upload order; its id keeps that order.
        var rows = await db.RunAsync(s => s.QueryAsync<(string Main, string Table)>(
            "SELECT main_table, table_name FROM _realtime.metadata_tables ORDER BY main_table, id"), ct);
        return rows.GroupBy(r => r.Main, StringComparer.Ordinal)
            .Select(g => new StoredDataset(g.Key, g.Select(r => r.Table).ToList()))
            .ToList();
    }

    public async Task<AnonTable?> LoadAsync(string name, CancellationToken ct)
    {
        var dataset = (await ListAsync(ct)).FirstOrDefault(d => d.Name == name);
        if (dataset is null) return null;
        var owned = (await catalog.GetAsync(ct)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var withHeaders = await HasRecordedHeadersAsync(ct);

        var columns = new List<AnonColumn>();
        int[]? rowIds = null;
        foreach (var tableName in dataset.Tables)
        {
            if (!owned.TryGetValue(tableName, out var table)) continue;
            var header = withHeaders ? await headers.HeaderForAsync(table, ct) : table.VisibleColumns.ToList();
            var (chunk, ids) = await ExportAsync(table, header, ct);
            if (rowIds is null) rowIds = ids;
            else if (!rowIds.AsSpan().SequenceEqual(ids))
                throw new AnonymizationValidationException($"The tables of dataset '{name}' do not hold the same rows.");
            // Every chunk repeats the id column (its first visible column); keep the first chunk's.
            columns.AddRange(columns.Count == 0 ? chunk.Columns : chunk.Columns.Skip(1));
        }
        if (rowIds is null) return null;
        EnsureUniqueNames(columns);
        return new AnonTable([.. columns], rowIds.Length);
    }

    private Task<bool> HasRecordedHeadersAsync(CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteScalarAsync<bool>("SELECT to_regclass('fairdb.dataset_columns') IS NOT NULL"), ct);

    private async Task<(AnonTable Table, int[] RowIds)> ExportAsync(UserTable table, IReadOnlyList<string> header, CancellationToken ct) =>
        await db.RunAsync(async s =>
        {
            var visible = table.VisibleColumns.ToList();
            var select = string.Join(", ", visible.Select(c => SqlIdentifier.Quote(c) + "::text"));
            var sql = $"COPY (SELECT rowid, {select} FROM {SqlIdentifier.Qualified("_realtime", table.Name)} ORDER BY rowid) TO STDOUT (FORMAT binary)";
            var builder = new AnonTableBuilder(header);
            var ids = new List<int>();
            var row = new string?[visible.Count];
            await using var export = await s.Connection.BeginBinaryExportAsync(sql, ct);
            while (await export.StartRowAsync(ct) >= 0)
            {
                ids.Add(await export.ReadAsync<int>(ct));
                for (var c = 0; c < row.Length; c++)
                    row[c] = export.IsNull ? await SkipNullAsync(export, ct) : await export.ReadAsync<string>(ct);
                builder.AddRow(row);
            }
            return (builder.Build(), ids.ToArray());
        }, ct);

    private static async Task<string?> SkipNullAsync(NpgsqlBinaryExporter export, CancellationToken ct)
    {
        await export.SkipAsync(ct);
        return null;
    }

    private static void EnsureUniqueNames(List<AnonColumn> columns)
    {
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new AnonymizationValidationException($"The dataset has two columns named '{duplicate.Key}'.", [duplicate.Key]);
    }
}

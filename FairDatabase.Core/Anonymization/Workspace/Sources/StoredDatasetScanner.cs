using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>One of the user's stored datasets: its display name and physical tables in chunk order.</summary>
public sealed record StoredDataset(string Name, IReadOnlyList<string> Tables);

/// <summary>What the start pass over a stored dataset found: layout and statistics, row ids, and the compact copy of its few-valued columns.</summary>
public sealed record StoredDatasetScan(SourceLayout Layout, int[] RowIds, IReadOnlyList<ColumnBlock> Blocks)
{
    /// <summary>The few-valued columns as decoded columns, by their position in the layout (what <see cref="Blocks"/> encode).</summary>
    public IReadOnlyList<(int Ordinal, AnonColumn Column)> Kept { get; init; } = [];
}

/// <summary>The user's stored datasets as starting points, and the one pass that starts a working copy from one.</summary>
public interface IStoredDatasetSource
{
    Task<IReadOnlyList<StoredDataset>> ListAsync(CancellationToken ct);

    /// <summary>The dataset's layout, row ids, column statistics and compact columns, in one streamed pass; null when the user has no such dataset.</summary>
    Task<StoredDatasetScan?> ScanAsync(string name, CancellationToken ct);
}

/// <summary>
/// Finds a dataset's columns through the user's own catalog (RLS) and computes every column's
/// statistics with one text COPY per chunk table, reading cells as raw bytes (no string per
/// cell). Chunk tables share row ids; the id column comes from the first chunk only. Column
/// names are the uploaded file's own when recorded. The same pass keeps the columns with few
/// distinct values (<see cref="CompactColumnCollector"/>) as workspace blocks, so the steps that
/// read quasi-identifiers and sensitive attributes do not scan the wide rows again.
/// </summary>
public sealed class StoredDatasetScanner(IUserClient db, IUserTableCatalog catalog, IOriginalHeaders headers) : IStoredDatasetSource
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

    /// <summary>Bytes of compact cells kept at most over all chunks (one byte per row and kept column).</summary>
    public const long CompactBudgetBytes = 16L << 20;

    public async Task<StoredDatasetScan?> ScanAsync(string name, CancellationToken ct)
    {
        var dataset = (await ListAsync(ct)).FirstOrDefault(d => d.Name == name);
        if (dataset is null) return null;
        var owned = (await catalog.GetAsync(ct)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var chunks = new List<(UserTable Table, List<SourceColumn> Columns)>();
        foreach (var tableName in dataset.Tables)
        {
            if (!owned.TryGetValue(tableName, out var table)) continue;
            var header = await headers.HeaderForAsync(table, ct);
            var visible = table.VisibleColumns.ToList();
            // Every chunk repeats the id column (its first visible column); keep the first chunk's.
            var skip = chunks.Count == 0 ? 0 : 1;
            chunks.Add((table, visible.Select((physical, i) => new SourceColumn(header[i], table.Name, physical)).Skip(skip).ToList()));
        }
        if (chunks.Count == 0) return null;
        var columns = chunks.SelectMany(c => c.Columns).ToList();
        EnsureUniqueNames(columns);

        // Chunks are scanned side by side (a connection each); each fills its own columns' statistics.
        var stats = new ColumnStatsAccumulator(columns.Count);
        var offsets = chunks.Select((c, i) => chunks.Take(i).Sum(p => p.Columns.Count)).ToList();
        var scans = await Task.WhenAll(chunks.Select((c, i) => ScanChunkAsync(c.Table.Name, c.Columns, stats, CompactBudgetBytes / chunks.Count, offsets[i], ct)));
        var ids = scans.Select(s => s.Ids).ToArray();
        if (ids.Skip(1).Any(other => !ids[0].AsSpan().SequenceEqual(other)))
            throw new AnonymizationValidationException($"The tables of dataset '{name}' do not hold the same rows.");
        var blocks = new List<ColumnBlock>();
        var kept = new List<(int, AnonColumn)>();
        for (var i = 0; i < chunks.Count; i++)
            foreach (var (index, column) in scans[i].Compact.Kept(chunks[i].Columns.Select(c => c.Name).ToList()))
            {
                columns[offsets[i] + index] = columns[offsets[i] + index] with { Copied = true };
                blocks.AddRange(WorkspaceColumnBlocks.Encode(column, offsets[i] + index));
                kept.Add((offsets[i] + index, column));
            }
        return new StoredDatasetScan(new SourceLayout(ids[0].Length, columns, stats.Build()), ids[0], blocks) { Kept = kept };
    }

    private Task<(int[] Ids, CompactColumnCollector Compact)> ScanChunkAsync(
        string table, List<SourceColumn> columns, ColumnStatsAccumulator stats, long compactBudget, int offset, CancellationToken ct) =>
        db.RunAsync(async s =>
        {
            var compact = new CompactColumnCollector(columns.Count, compactBudget);
            var select = string.Join(", ", columns.Select(c => SqlIdentifier.Quote(c.Physical!) + "::text"));
            var ids = new List<int>();
            await using var reader = await CopyTextReader.OpenAsync(s.Connection, $"SELECT rowid, {select} FROM {SqlIdentifier.Qualified("_realtime", table)} ORDER BY rowid", ct);
            while (await reader.NextRowAsync(ct))
            {
                ids.Add(reader.NextInt32());
                var collecting = compact.Collecting;
                for (var c = 0; c < columns.Count; c++)
                {
                    if (reader.NextField() >= 0)
                    {
                        stats.Add(offset + c, reader.Field);
                        if (collecting && compact.IsCandidate(c)) compact.Add(c, reader.Field);
                    }
                    else
                    {
                        stats.AddMissing(offset + c);
                        if (collecting && compact.IsCandidate(c)) compact.AddMissing(c);
                    }
                }
                compact.EndRow();
            }
            return (ids.ToArray(), compact);
        }, ct);

    private static void EnsureUniqueNames(List<SourceColumn> columns)
    {
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new AnonymizationValidationException($"The dataset has two columns named '{duplicate.Key}'.", [duplicate.Key]);
    }
}

using FairDatabase.Core.Data;

namespace FairDatabase.Core.Explore;

/// <summary>
/// Computes every column's statistics in one streamed pass per group of columns: each chunk table
/// is read with binary COPY as the signed-in user (RLS applies) and parsed from the raw stream.
/// Columns are taken in groups sized so the kept numbers stay under a memory budget whatever the
/// row count; the groups are finished in parallel (the median needs a sort).
/// </summary>
public sealed class ColumnStatisticsCalculator(IUserClient db)
{
    /// <summary>Bytes of numbers held at once (8 per cell).</summary>
    public const long MemoryBudget = 64L << 20;

    public async Task<IReadOnlyList<ColumnStatistics>> ComputeAsync(DatasetLayout layout, CancellationToken ct)
    {
        var results = new ColumnStatistics[layout.Columns.Count];
        var perGroup = (int)Math.Clamp(MemoryBudget / (Math.Max(1, layout.Rows) * 8), 1, 1200);
        var byTable = layout.Columns.Select((c, i) => (Column: c, Index: i)).GroupBy(x => layout.TableOf(x.Column));
        foreach (var table in byTable)
        {
            foreach (var group in table.Chunk(perGroup))
            {
                var accumulators = group.Select(x => new ColumnAccumulator(x.Column.Name, x.Column.OriginalName, (int)Math.Min(layout.Rows, int.MaxValue))).ToArray();
                await ReadAsync(table.Key, group.Select(x => x.Column.Name).ToList(), accumulators, ct);
                var finished = new ColumnStatistics[accumulators.Length];
                Parallel.For(0, accumulators.Length, i => finished[i] = accumulators[i].Finish());
                for (var i = 0; i < group.Length; i++) results[group[i].Index] = finished[i];
            }
        }
        return results;
    }

    private Task<bool> ReadAsync(string table, IReadOnlyList<string> columns, ColumnAccumulator[] accumulators, CancellationToken ct) =>
        db.RunOnceAsync(async s =>
        {
            var select = string.Join(", ", columns.Select(SqlIdentifier.Quote));
            var sql = $"COPY (SELECT {select} FROM {DatasetLayout.Quoted(table)}) TO STDOUT (FORMAT binary)";
            await using var raw = await s.Connection.BeginRawBinaryCopyAsync(sql, ct);
            var reader = new BinaryCopyReader(raw);
            while (await reader.NextRowAsync(ct))
            {
                foreach (var accumulator in accumulators)
                {
                    var length = await reader.NextFieldAsync(ct);
                    accumulator.Add(reader.Field, length < 0);
                }
            }
            return true;
        }, ct);
}

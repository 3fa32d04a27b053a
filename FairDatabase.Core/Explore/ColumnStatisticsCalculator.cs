using FairDatabase.Core.Data;

namespace FairDatabase.Core.Explore;

/// <summary>
/// Computes every column's statistics in streamed passes: each chunk table is read with text
/// COPY as the signed-in user (RLS applies) and parsed from the raw stream. The columns are cut
/// into reads of about equal width, sized so the numbers held at once stay under a memory budget
/// whatever the row count, and <see cref="Readers"/> reads run side by side, each on its own
/// connection and finishing its own columns: PostgreSQL sending the rows is about as much work
/// as parsing them, so two reads keep two cores busy.
/// </summary>
public sealed class ColumnStatisticsCalculator(IUserClient db)
{
    /// <summary>Bytes of numbers held at once over all reads (8 per cell).</summary>
    public const long MemoryBudget = 64L << 20;

    /// <summary>Reads running at once at most.</summary>
    public static int Readers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Narrower reads than this do not run side by side: sharing the budget would mean more reads,
    /// and every read makes PostgreSQL scan the whole table, which costs more than a second core gains.
    /// </summary>
    public const int MinParallelWidth = 200;

    /// <summary>How many reads run at once for a table of this many rows.</summary>
    public static int ReadersFor(long rows, int readers) => MaxWidth(rows, readers) >= MinParallelWidth ? readers : 1;

    private static int MaxWidth(long rows, int readers) => (int)Math.Clamp(MemoryBudget / readers / (Math.Max(1, rows) * 8), 1, 1600);

    public async Task<IReadOnlyList<ColumnStatistics>> ComputeAsync(DatasetLayout layout, CancellationToken ct)
    {
        var results = new ColumnStatistics[layout.Columns.Count];
        var readers = ReadersFor(layout.Rows, Readers);
        var reads = PlanReads(layout, readers);
        var rows = (int)Math.Min(layout.Rows, int.MaxValue);
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = readers, CancellationToken = ct }, async (read, token) =>
        {
            var accumulators = read.Columns.Select(i => new ColumnAccumulator(layout.Columns[i].Name, layout.Columns[i].OriginalName, rows)).ToArray();
            await ReadAsync(read.Table, read.Columns.Select(i => layout.Columns[i].Name).ToList(), accumulators, token);
            for (var c = 0; c < accumulators.Length; c++) results[read.Columns[c]] = accumulators[c].Finish();
        });
        return results;
    }

    /// <summary>One COPY: a chunk table and the positions (in the layout) of the columns it reads.</summary>
    internal sealed record Read(string Table, int[] Columns);

    /// <summary>
    /// Cuts each table's columns into reads no wider than the budget allows while
    /// <paramref name="readers"/> reads are held at once, choosing the cut with which the readers
    /// finish closest together (each read also costs a fixed start); the widest reads come first.
    /// </summary>
    internal static List<Read> PlanReads(DatasetLayout layout, int readers)
    {
        var maxWidth = MaxWidth(layout.Rows, readers);
        var tables = layout.Columns.Select((c, i) => (Column: c, Index: i)).GroupBy(x => layout.TableOf(x.Column))
            .Select(g => (Table: g.Key, Columns: g.Select(x => x.Index).ToArray())).ToList();
        List<Read>? best = null;
        var bestCost = long.MaxValue;
        // Never below half the widest allowed: at most twice the fewest reads.
        for (var width = maxWidth; width >= Math.Max(1, maxWidth / 2); width--)
        {
            var reads = Cut(tables, width);
            var cost = Makespan(reads, readers);
            if (cost < bestCost) (best, bestCost) = (reads, cost);
        }
        return best!;
    }

    // A read's cost in columns: its width plus PostgreSQL's start and walk over the row's earlier columns.
    private const int ReadOverhead = 16;

    private static List<Read> Cut(List<(string Table, int[] Columns)> tables, int width)
    {
        var reads = new List<Read>();
        foreach (var (table, columns) in tables)
        {
            var parts = (columns.Length + width - 1) / width;
            for (var p = 0; p < parts; p++)
                reads.Add(new Read(table, columns[(int)((long)columns.Length * p / parts)..(int)((long)columns.Length * (p + 1) / parts)]));
        }
        return reads.OrderByDescending(r => r.Columns.Length).ToList();
    }

    /// <summary>When the last reader finishes, each read going to the reader free first.</summary>
    private static long Makespan(List<Read> reads, int readers)
    {
        var loads = new long[readers];
        foreach (var read in reads)
        {
            var least = 0;
            for (var r = 1; r < readers; r++) if (loads[r] < loads[least]) least = r;
            loads[least] += read.Columns.Length + ReadOverhead;
        }
        return loads.Max();
    }

    private Task<bool> ReadAsync(string table, IReadOnlyList<string> columns, ColumnAccumulator[] accumulators, CancellationToken ct) =>
        db.RunOnceAsync(async s =>
        {
            var select = string.Join(", ", columns.Select(SqlIdentifier.Quote));
            await using var reader = await CopyTextReader.OpenAsync(s.Connection, $"SELECT {select} FROM {DatasetLayout.Quoted(table)}", ct);
            while (await reader.NextRowAsync(ct))
            {
                foreach (var accumulator in accumulators)
                {
                    var length = reader.NextField();
                    accumulator.Add(reader.Field, length < 0);
                }
            }
            return true;
        }, ct);
}

using FairDatabase.Core.Explore;

namespace FairDatabase.Tests.Explore;

/// <summary>How the statistics pass cuts a dataset's columns into parallel reads.</summary>
public sealed class ColumnStatisticsPlanTests
{
    private static DatasetLayout Layout(long rows, params int[] columnsPerTable)
    {
        var columns = new List<LayoutColumn> { new(0, "id", "id", null) };
        for (var t = 0; t < columnsPerTable.Length; t++)
            for (var c = 0; c < columnsPerTable[t]; c++) columns.Add(new LayoutColumn(columns.Count, $"c{columns.Count}", $"c{columns.Count}", t));
        return new DatasetLayout(Guid.NewGuid(), "d", rows, [.. columnsPerTable.Select((_, t) => $"table_{t}")], columns);
    }

    [Theory]
    [InlineData(10_000, 2, new[] { 1200, 804 })]
    [InlineData(10_000, 1, new[] { 1200, 804 })]
    [InlineData(1_000_000, 2, new[] { 1200, 804 })]
    [InlineData(50, 4, new[] { 3 })]
    [InlineData(100_000_000, 2, new[] { 5 })]
    public void Every_column_is_read_once_from_its_own_table_within_the_memory_budget(long rows, int readers, int[] tables)
    {
        var layout = Layout(rows, tables);

        var reads = ColumnStatisticsCalculator.PlanReads(layout, readers);

        Assert.Equal(Enumerable.Range(0, layout.Columns.Count), reads.SelectMany(r => r.Columns).Order());
        Assert.All(reads, r => Assert.All(r.Columns, c => Assert.Equal(r.Table, layout.TableOf(layout.Columns[c]))));
        Assert.All(reads, r => Assert.True(r.Columns.Length == 1 || r.Columns.Length * rows * 8 * readers <= ColumnStatisticsCalculator.MemoryBudget));
    }

    [Theory]
    [InlineData(10_000, 2)]
    [InlineData(20_000, 2)]
    [InlineData(100_000, 1)]
    [InlineData(1_000_000, 1)]
    public void Long_tables_are_read_by_one_reader_with_the_whole_budget(long rows, int expected)
    {
        var readers = ColumnStatisticsCalculator.ReadersFor(rows, 2);
        var reads = ColumnStatisticsCalculator.PlanReads(Layout(rows, 1200, 804), readers);

        Assert.Equal(expected, readers);
        // Never more than twice the reads the budget alone requires (each read scans the table).
        var widest = Math.Min(1600, ColumnStatisticsCalculator.MemoryBudget / readers / (rows * 8));
        var fewest = Math.Ceiling(1201.0 / widest) + Math.Ceiling(804.0 / widest);
        Assert.InRange(reads.Count, fewest, 2 * fewest);
    }

    [Fact]
    public void Two_readers_get_about_the_same_number_of_columns()
    {
        var reads = ColumnStatisticsCalculator.PlanReads(Layout(10_000, 1200, 804), 2);

        // Handed out widest first to whichever reader is free, as Parallel.ForEachAsync does.
        var loads = new long[2];
        foreach (var read in reads) loads[loads[0] <= loads[1] ? 0 : 1] += read.Columns.Length;
        Assert.True(Math.Abs(loads[0] - loads[1]) <= 0.1 * loads.Sum(), $"{loads[0]} vs {loads[1]} columns");
    }
}

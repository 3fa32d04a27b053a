using System.Globalization;
using System.Text;
using FairDatabase.Core.Anonymization.Workspace.Sources;

namespace FairDatabase.Tests.Anonymization.Workspace;

public sealed class CompactColumnCollectorTests
{
    private static void AddRows(CompactColumnCollector collector, int rows, Func<int, int, string?> cell, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
                if (cell(r, c) is { } value) collector.Add(c, Encoding.UTF8.GetBytes(value));
                else collector.AddMissing(c);
            collector.EndRow();
        }
    }

    [Fact]
    public void Columns_with_few_values_are_kept_in_row_order_and_one_with_too_many_is_given_up()
    {
        var collector = new CompactColumnCollector(3, 1 << 20);
        // Column 0: 3 values and missing cells; 1: one new value per row; 2: long values (over 7 bytes), 256 of them.
        AddRows(collector, 600, (r, c) => c switch
        {
            0 => r % 4 == 3 ? null : r % 4 == 2 ? "" : r % 2 == 0 ? "F" : "M",
            1 => r.ToString(CultureInfo.InvariantCulture),
            _ => "category-" + (r % CompactColumnCollector.MaxDistinct).ToString(CultureInfo.InvariantCulture),
        }, 3);

        var kept = collector.Kept(["sex", "count", "label"]).ToList();

        Assert.Equal([0, 2], kept.Select(k => k.Index));
        Assert.Equal(["F", "M", ""], kept[0].Column.Values); // NULL and "" are one missing value
        Assert.Equal(["F", "M", "", ""], Enumerable.Range(0, 4).Select(kept[0].Column.ValueAt));
        Assert.Equal(CompactColumnCollector.MaxDistinct, kept[1].Column.Cardinality);
        Assert.Equal("category-255", kept[1].Column.ValueAt(255));
        Assert.Equal("category-3", kept[1].Column.ValueAt(CompactColumnCollector.MaxDistinct + 3));
        Assert.Equal(600, kept[1].Column.RowCount);
    }

    [Fact]
    public void Over_the_budget_the_last_columns_are_given_up_first()
    {
        // 4 candidate columns of 2,048 rows need 8 KB; a 5 KB budget keeps the first two.
        var collector = new CompactColumnCollector(4, 5 * 1024);
        AddRows(collector, 2048, (r, c) => (r % 3).ToString(CultureInfo.InvariantCulture), 4);

        Assert.Equal([0, 1], collector.Kept(["a", "b", "c", "d"]).Select(k => k.Index));
        Assert.False(collector.IsCandidate(2));
    }
}

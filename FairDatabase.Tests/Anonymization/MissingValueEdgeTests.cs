using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Missing-value shares at the edges: every cell missing, and no rows at all.</summary>
public sealed class MissingValueEdgeTests
{
    [Fact]
    public void A_column_missing_in_every_row_is_100_percent()
    {
        var table = AnonTable.FromRows(["id", "empty"], [["1", ""], ["2", null], ["3", ""]]);

        var shares = Generalization.MissingValuePercentages(table);

        Assert.Equal([new ColumnMissingShare("id", 0, 0.0), new ColumnMissingShare("empty", 3, 100.0)], shares);
    }

    [Fact]
    public void A_table_without_rows_is_0_percent_everywhere_without_error()
    {
        var table = AnonTable.FromRows(["id", "age"], []);

        var shares = Generalization.MissingValuePercentages(table);

        Assert.Equal([new ColumnMissingShare("id", 0, 0.0), new ColumnMissingShare("age", 0, 0.0)], shares);
    }
}

using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

public sealed class AnonTableTests
{
    [Fact]
    public void Rows_are_dictionary_encoded_per_column_with_missing_as_its_own_value()
    {
        var table = AnonTable.FromRows(["sex", "zip"], [["F", "101"], ["M", null], ["F", ""], ["M", "101"]]);

        var sex = table.Column("sex");
        Assert.Equal(4, table.RowCount);
        Assert.Equal(["F", "M"], sex.Values);
        Assert.Equal([0, 1, 0, 1], sex.Codes.ToArray());
        var zip = table.Column("zip");
        Assert.Equal(["101", ""], zip.Values); // null and "" are the same missing value
        Assert.Equal([0, 1, 1, 0], zip.Codes.ToArray());
        Assert.Equal("", zip.ValueAt(1));
        Assert.Equal(["F|101", "M|", "F|", "M|101"], Tables.Lines(table));
    }

    [Fact]
    public void The_builder_grows_past_its_initial_capacity_and_keeps_every_row()
    {
        var builder = new AnonTableBuilder(["n"], expectedRows: 1);
        for (var i = 0; i < 100; i++)
            builder.AddRow([(i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var table = builder.Build();

        Assert.Equal(100, table.RowCount);
        Assert.Equal(7, table.Column("n").Cardinality);
        Assert.Equal("1", table.Column("n").ValueAt(99)); // 99 mod 7
        Assert.Throws<InvalidOperationException>(() => builder.AddRow(["1"]));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_and_a_repeated_header_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Tables.Of("a|b", "1|2", "3"));
        Assert.Contains("Row 2 has 1 cells; the header has 2 columns.", e.Message, StringComparison.Ordinal);
        var repeated = Assert.Throws<ArgumentException>(() => Tables.Of("a|a", "1|2"));
        Assert.Contains("'a' more than once", repeated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_is_named_in_the_error()
    {
        var table = Tables.Of("a|b", "1|2");
        var e = Assert.Throws<AnonymizationValidationException>(() => table.Column("c"));
        Assert.Equal("Unknown column: 'c'.", e.Message);
        Assert.Equal(["c"], e.Columns);
        Assert.False(table.TryGetColumn("A", out _)); // names are case-sensitive, like quoted SQL identifiers
    }

    [Fact]
    public void Keeping_rows_drops_values_no_longer_present_and_keeps_value_order()
    {
        var table = Tables.Of("g|s", "A|x", "B|y", "C|z", "B|x");

        var kept = table.KeepRows([false, true, true, true]);

        Assert.Equal(["B|y", "C|z", "B|x"], Tables.Lines(kept));
        Assert.Equal(["B", "C"], kept.Column("g").Values);
        Assert.Equal(["x", "y", "z"], kept.Column("s").Values); // x still occurs, so the old order stays
        Assert.Equal(4, table.RowCount); // the source is unchanged
        Assert.Throws<ArgumentException>(() => table.KeepRows([true]));
    }

    [Fact]
    public void Remapping_merges_values_that_map_together_and_can_make_values_missing()
    {
        var table = Tables.Of("age|sex", "21|F", "25|M", "37|F", "99|M");
        var mapping = new Dictionary<string, string?> { ["21"] = "20-29", ["25"] = "20-29", ["99"] = "" };

        var remapped = table.Remap(new Dictionary<string, IReadOnlyDictionary<string, string?>> { ["age"] = mapping });

        Assert.Equal(["20-29|F", "20-29|M", "37|F", "|M"], Tables.Lines(remapped));
        Assert.Equal(3, remapped.Column("age").Cardinality);
        Assert.Same(table.Column("sex"), remapped.Column("sex")); // unchanged columns are shared, not copied
    }

    [Fact]
    public void Dropping_columns_keeps_the_others_and_refuses_unknown_names()
    {
        var table = Tables.Of("id|a|b", "1|x|y");
        Assert.Equal(["a", "b"], table.WithoutColumns(["id"]).ColumnNames);
        var e = Assert.Throws<AnonymizationValidationException>(() => table.WithoutColumns(["nope"]));
        Assert.Equal("Unknown column to drop: 'nope' (not a column of the table).", e.Message);
    }

    [Theory]
    [InlineData(new[] { "1", "2.5", "-3e2", "" }, true)]
    [InlineData(new[] { "1", "two" }, false)]
    [InlineData(new[] { "", "" }, false)]
    public void A_column_is_numeric_when_every_present_value_parses(string[] cells, bool numeric)
    {
        var table = AnonTable.FromRows(["v"], cells.Select(cell => new[] { cell }));
        Assert.Equal(numeric, table.Column("v").IsNumeric);
    }
}

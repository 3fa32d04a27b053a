using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

public sealed class GeneralizationTests
{
    private static AnonTable Table() => AnonTable.FromRows(["id", "bmi", "sex"],
    [
        ["1", "18", "F"], ["2", "22", null], ["3", "9", "M"], ["4", "", ""], ["5", "22", "F"],
        ["6", "31", "M"], ["7", "10", "F"], ["8", "22", "M"],
    ]);

    [Fact]
    public void Missing_value_percentages_are_given_per_column_in_column_order()
    {
        var shares = Generalization.MissingValuePercentages(Table());

        Assert.Equal(
            [new ColumnMissingShare("id", 0, 0.0), new ColumnMissingShare("bmi", 1, 12.5), new ColumnMissingShare("sex", 2, 25.0)],
            shares);
    }

    [Fact]
    public void Distinct_values_of_a_numeric_column_come_in_numeric_order_with_missing_first()
    {
        var values = Generalization.DistinctValues(Table(), "bmi");

        Assert.Equal(["", "9", "10", "18", "22", "31"], values.Select(v => v.Value));
        Assert.Equal([1, 1, 1, 1, 3, 1], values.Select(v => v.Count));
        Assert.Equal(37.5, values[4].Percent, 1e-12);
    }

    [Fact]
    public void Distinct_values_of_a_text_column_come_in_ordinal_order()
    {
        var values = Generalization.DistinctValues(Table(), "sex");
        Assert.Equal([("", 2), ("F", 3), ("M", 3)], values.Select(v => (v.Value, v.Count)));
    }

    [Fact]
    public void A_mapping_generalizes_values_and_returns_the_new_distribution_in_percent()
    {
        var mapping = new Dictionary<string, string?> { ["9"] = "<18.5", ["10"] = "<18.5", ["18"] = "<18.5", ["22"] = "18.5-25", ["404"] = "ignored" };

        var result = Generalization.ApplyMapping(Table(), "bmi", mapping);

        Assert.Equal("bmi", result.Column);
        Assert.Equal(
            [("", 1, 12.5), ("18.5-25", 3, 37.5), ("31", 1, 12.5), ("<18.5", 3, 37.5)],
            result.Distribution.Select(v => (v.Value, v.Count, v.Percent)));
        Assert.Equal(["<18.5", "18.5-25", "<18.5", "", "18.5-25", "31", "<18.5", "18.5-25"], result.Table.Rows().Select(row => row[1]));
        Assert.Equal(100.0, result.Distribution.Sum(v => v.Percent), 1e-9);
    }

    [Fact]
    public void Mapping_an_unknown_column_names_it()
    {
        var e = Assert.Throws<AnonymizationValidationException>(() => Generalization.ApplyMapping(Table(), "weight", new Dictionary<string, string?>()));
        Assert.Equal("Unknown column: 'weight'.", e.Message);
    }
}

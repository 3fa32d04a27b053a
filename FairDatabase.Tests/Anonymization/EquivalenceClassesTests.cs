using System.Globalization;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

public sealed class EquivalenceClassesTests
{
    [Fact]
    public void Rows_with_equal_quasi_identifiers_share_a_class_numbered_by_first_appearance()
    {
        var table = Tables.Of("age|sex|dx", "30|F|a", "40|M|b", "30|F|c", "30|M|d", "40|M|e");

        var partition = EquivalenceClasses.Partition(table, ["age", "sex"]);

        Assert.Equal(3, partition.ClassCount);
        Assert.Equal([0, 1, 0, 2, 1], partition.ClassOfRow.ToArray());
        Assert.Equal([2, 2, 1], partition.Sizes.ToArray());
        Assert.Equal([1, 4], partition.RowsOf(1).ToArray());
        Assert.Equal("age: 40, sex: M", partition.Describe(1));
    }

    [Fact]
    public void A_missing_quasi_identifier_value_forms_its_own_class_and_shows_as_empty()
    {
        var table = AnonTable.FromRows(["age", "sex"], [["30", "F"], [null, "F"], ["", "F"], ["30", "F"]]);

        var partition = EquivalenceClasses.Partition(table, ["age", "sex"]);

        Assert.Equal(2, partition.ClassCount);
        Assert.Equal([0, 1, 1, 0], partition.ClassOfRow.ToArray());
        Assert.Equal("age: , sex: F", partition.Describe(1));
    }

    // Large key ranges go through a dictionary, and ranges beyond 64 bits through segments;
    // both must agree with grouping by the joined values.
    [Theory]
    [InlineData(3, 1000, 3000)]   // 1000^3 keys: dictionary
    [InlineData(6, 4000, 5000)]   // ~2500^6 > 2^63: segmented keys
    [InlineData(4, 5, 2000)]      // 625 keys: flat array
    public void Every_key_strategy_groups_exactly_like_the_joined_values(int columns, int distinct, int rows)
    {
        var random = new Random(7);
        var header = Enumerable.Range(0, columns).Select(c => $"q{c}").ToArray();
        var data = new List<string[]>();
        for (var r = 0; r < rows; r++)
            data.Add([.. header.Select(_ => random.Next(r < distinct ? distinct : distinct / 50 + 1).ToString(CultureInfo.InvariantCulture))]);
        var table = AnonTable.FromRows(header, data);

        var partition = EquivalenceClasses.Partition(table, header);

        var expected = new Dictionary<string, int>();
        var expectedClassOfRow = data.Select(row => string.Join('\u001f', row))
            .Select(key => expected.TryGetValue(key, out var id) ? id : expected[key] = expected.Count).ToArray();
        Assert.Equal(expected.Count, partition.ClassCount);
        Assert.Equal(expectedClassOfRow, partition.ClassOfRow.ToArray());
        Assert.Equal(rows, partition.Sizes.ToArray().Sum());
    }

    [Fact]
    public void Partitioning_needs_known_distinct_quasi_identifiers()
    {
        var table = Tables.Of("a|b", "1|2");
        Assert.Equal("Choose at least one quasi-identifier.",
            Assert.Throws<AnonymizationValidationException>(() => EquivalenceClasses.Partition(table, [])).Message);
        Assert.Equal("Unknown quasi-identifiers: 'x', 'y' (not a column of the table).",
            Assert.Throws<AnonymizationValidationException>(() => EquivalenceClasses.Partition(table, ["a", "x", "y"])).Message);
        Assert.Equal("Each quasi-identifier may be listed once; listed more than once: 'a'.",
            Assert.Throws<AnonymizationValidationException>(() => EquivalenceClasses.Partition(table, ["a", "a"])).Message);
    }
}

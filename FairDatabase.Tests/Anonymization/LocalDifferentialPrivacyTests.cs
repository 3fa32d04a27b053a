using System.Globalization;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Statistics of the perturbations on 100,000 seeded draws, and the cells that must not change.</summary>
public sealed class LocalDifferentialPrivacyTests
{
    private const int Draws = 100_000;

    private static AnonTable LargeTable() => AnonTable.FromRows(["g", "s", "x", "c"],
        Enumerable.Range(0, Draws).Select(i => new[] { "all", i % 3 == 0 ? "yes" : "no", i % 2 == 0 ? "0" : "10", "abcd"[i % 4].ToString() }));

    private static double[] Column(AnonTable table, string name) =>
        [.. table.Rows().Select(row => double.Parse(row[table.ColumnNames.ToList().IndexOf(name)], CultureInfo.InvariantCulture))];

    [Fact]
    public void Laplace_noise_has_mean_zero_and_mean_absolute_value_equal_to_its_scale()
    {
        var table = LargeTable();

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["g"], ["s"], ["c"], ["x"], Epsilon: 2.0, Seed: 1));

        var scale = (10.0 - 0.0) / 2.0; // (max − min)/ε
        var noise = Column(result.Table, "x").Zip(Column(table, "x"), (after, before) => after - before).ToArray();
        Assert.Equal(new NumericalNoise("x", 0, 10, scale, Draws, 0), Assert.Single(result.Numerical));
        Assert.InRange(noise.Average(), -0.05 * scale, 0.05 * scale);
        Assert.InRange(noise.Average(Math.Abs), 0.97 * scale, 1.03 * scale);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Randomized_response_keeps_a_value_at_rate_p_plus_the_chance_of_redrawing_it(double p)
    {
        var table = LargeTable();

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["g"], ["s"], ["c"], ["x"], KeepProbability: p, Seed: 2));

        var before = table.Rows().Select(row => row[3]).ToArray();
        var after = result.Table.Rows().Select(row => row[3]).ToArray();
        var kept = before.Zip(after).Count(pair => pair.First == pair.Second) / (double)Draws;
        Assert.InRange(kept, p + (1 - p) / 4 - 0.01, p + (1 - p) / 4 + 0.01);
        Assert.All(after, value => Assert.Contains(value, new[] { "a", "b", "c", "d" }));
        Assert.Equal(4, result.Categorical[0].Categories);
    }

    [Fact]
    public void Quasi_identifiers_sensitive_attributes_missing_and_non_numeric_cells_are_left_alone()
    {
        var table = AnonTable.FromRows(["q", "s", "n", "c"],
            [["1", "a", "5", "x"], ["2", "b", "", ""], ["3", "a", "n/a", "y"], ["4", "b", "7", "x"]]);

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["q"], ["s"], ["c"], ["n"], KeepProbability: 0.0, Seed: 3));

        var rows = result.Table.Rows().ToArray();
        Assert.Equal(["1", "2", "3", "4"], rows.Select(row => row[0]));
        Assert.Equal(["a", "b", "a", "b"], rows.Select(row => row[1]));
        Assert.Equal(("", "n/a"), (rows[1][2], rows[2][2]));
        Assert.NotEqual("5", rows[0][2]); // scale (7 − 5)/2 = 1: noise is never exactly 0 in practice
        Assert.Equal("", rows[1][3]);
        Assert.Equal(new NumericalNoise("n", 5, 7, 1, 2, 2), result.Numerical[0]);
        Assert.Equal((2, 3, 1), (result.Categorical[0].Categories, result.Categorical[0].ReplacedCells, result.Categorical[0].MissingCells));
    }

    [Fact]
    public void A_seed_reproduces_the_output_whatever_the_declaration_order_and_another_seed_changes_it()
    {
        var table = Tables.Of("q|s|n|c|d", "1|a|5|x|u", "2|b|6|y|v", "3|a|7|z|w", "4|b|8|x|u");
        DifferentialPrivacyRequest Request(int seed) => new(["q"], ["s"], ["c", "d"], ["n"], Seed: seed);

        var first = Tables.Lines(LocalDifferentialPrivacy.Apply(table, Request(42)).Table);
        var again = Tables.Lines(LocalDifferentialPrivacy.Apply(table, Request(42)).Table);
        var reordered = Tables.Lines(LocalDifferentialPrivacy.Apply(table, Request(42) with { CategoricalColumns = ["d", "c"] }).Table);
        var other = Tables.Lines(LocalDifferentialPrivacy.Apply(table, Request(43)).Table);

        Assert.Equal(first, again);
        Assert.Equal(first, reordered); // columns are processed in table order
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_constant_numerical_column_gets_no_noise()
    {
        var table = Tables.Of("q|s|n", "1|a|5", "2|b|5");
        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["q"], ["s"], [], ["n"], Seed: 1));
        Assert.Equal(["1|a|5", "2|b|5"], Tables.Lines(result.Table));
        Assert.Equal(0.0, result.Numerical[0].Scale);
    }
}

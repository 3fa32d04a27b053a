using System.Globalization;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Local DP beyond the defaults: other budgets, several numerical columns, p = 1, one category, nothing to perturb.</summary>
public sealed class LocalDifferentialPrivacyEdgeTests
{
    private const int Draws = 50_000;

    private static string[] ColumnValues(AnonTable table, string name)
    {
        var index = table.ColumnNames.ToList().IndexOf(name);
        return [.. table.Rows().Select(row => row[index] ?? "")];
    }

    private static double[] Numbers(AnonTable table, string name) =>
        [.. ColumnValues(table, name).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData(0.5)]
    [InlineData(10.0)]
    public void The_noise_scale_is_the_range_over_epsilon(double epsilon)
    {
        var table = AnonTable.FromRows(["q", "x"], Enumerable.Range(0, Draws).Select(i => new[] { "all", i % 2 == 0 ? "20" : "60" }));

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["q"], [], [], ["x"], Epsilon: epsilon, Seed: 11));

        var scale = (60.0 - 20.0) / epsilon;
        var noise = Numbers(result.Table, "x").Zip(Numbers(table, "x"), (after, before) => after - before).ToArray();
        Assert.Equal(new NumericalNoise("x", 20, 60, scale, Draws, 0), Assert.Single(result.Numerical));
        Assert.Equal(epsilon, result.Epsilon);
        // For Laplace(0, b) the mean absolute value is b.
        Assert.InRange(noise.Average(Math.Abs), 0.97 * scale, 1.03 * scale);
    }

    [Fact]
    public void Two_numerical_columns_are_both_noised_each_with_its_own_scale()
    {
        var table = AnonTable.FromRows(["q", "age", "bmi"], Enumerable.Range(0, 1000).Select(i => new[] { "all", $"{20 + i % 50}", $"{18 + i % 10}.5" }));

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["q"], [], [], ["age", "bmi"], Epsilon: 1.0, Seed: 12));

        Assert.Equal([("age", 49.0, 1000), ("bmi", 9.0, 1000)], result.Numerical.Select(n => (n.Column, n.Scale, n.NoisedCells)));
        foreach (var column in new[] { "age", "bmi" })
        {
            var changed = ColumnValues(result.Table, column).Zip(ColumnValues(table, column)).Count(p => p.First != p.Second);
            Assert.True(changed > 990, $"{column}: only {changed} of 1000 values changed");
        }
        Assert.Equal(ColumnValues(table, "q"), ColumnValues(result.Table, "q"));
    }

    [Fact]
    public void Keep_probability_1_keeps_every_categorical_value()
    {
        var table = AnonTable.FromRows(["q", "c"], Enumerable.Range(0, 5000).Select(i => new[] { "all", "abcde"[i % 5].ToString() }));

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["q"], [], ["c"], [], KeepProbability: 1.0, Seed: 13));

        Assert.Equal(ColumnValues(table, "c"), ColumnValues(result.Table, "c"));
        Assert.Equal(new CategoricalResponse("c", 5, 0, 0), Assert.Single(result.Categorical));
    }

    [Fact]
    public void A_column_with_one_category_stays_unchanged_even_when_every_value_is_redrawn()
    {
        var table = AnonTable.FromRows(["q", "c"], Enumerable.Range(0, 500).Select(i => new[] { "all", i % 7 == 0 ? "" : "only" }));

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["q"], [], ["c"], [], KeepProbability: 0.0, Seed: 14));

        Assert.Equal(ColumnValues(table, "c"), ColumnValues(result.Table, "c"));
        Assert.Equal(1, Assert.Single(result.Categorical).Categories);
    }

    [Fact]
    public void A_table_of_only_quasi_identifiers_and_sensitive_attributes_is_accepted_and_left_as_it_is()
    {
        var table = AnonTable.FromRows(["age", "sex", "diagnosis"], [["34", "F", "flu"], ["61", "M", "cold"], ["70", "F", "flu"]]);

        var result = LocalDifferentialPrivacy.Apply(table, new DifferentialPrivacyRequest(["age", "sex"], ["diagnosis"], [], [], Seed: 15));

        Assert.Empty(result.Numerical);
        Assert.Empty(result.Categorical);
        Assert.Equal(table.Rows().Select(r => string.Join('|', r)), result.Table.Rows().Select(r => string.Join('|', r)));
    }
}

using FairDatabase.Core.Explore;

namespace FairDatabase.Tests.Explore;

/// <summary>The sort-free median and distinct count agree with sorting, on shapes that trouble selections.</summary>
public sealed class NumberSummaryTests
{
    public static TheoryData<string> Shapes => ["random", "counts", "sorted", "reversed", "constant", "two values", "one", "two"];

    private static double[] Make(string shape, int seed)
    {
        var random = new Random(seed);
        var n = random.Next(1, 3000);
        return shape switch
        {
            "random" => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 1e6)],
            "counts" => [.. Enumerable.Range(0, n).Select(_ => random.Next(100) < 60 ? 0.0 : random.Next(1, 1000))],
            "sorted" => [.. Enumerable.Range(0, n).Select(i => (double)i)],
            "reversed" => [.. Enumerable.Range(0, n).Select(i => (double)(n - i))],
            "constant" => [.. Enumerable.Repeat(4.5, n)],
            "two values" => [.. Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -0.0 : 1.0)],
            "one" => [3.0],
            _ => [8.0, 2.0],
        };
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Median_and_distinct_equal_the_sorted_figures(string shape)
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var values = Make(shape, seed);
            var sorted = values.Order().ToArray();
            var m = sorted.Length / 2;
            var expectedMedian = sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
            var expectedDistinct = sorted.Where((v, i) => i == 0 || v != sorted[i - 1]).Count();

            Assert.Equal(expectedDistinct, NumberSummary.CountDistinct(values));
            Assert.Equal(expectedMedian, NumberSummary.Median(values));
        }
    }

    [Fact]
    public void Select_leaves_smaller_values_before_and_larger_after_the_chosen_one()
    {
        var values = Make("counts", 3);
        var k = values.Length / 3;
        var chosen = NumberSummary.Select(values, k);

        Assert.Equal(values.Order().ElementAt(k), chosen);
        Assert.All(values[..k], v => Assert.True(v <= chosen));
        Assert.All(values[(k + 1)..], v => Assert.True(v >= chosen));
    }
}

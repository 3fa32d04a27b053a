using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

public sealed class PrivacyEnforcerTests
{
    // Classes by age: 20 → one row (k = 1, l = 0); 30 → dx always a (l = 0); 40 → a, b, b; 50 → a, b, a, b.
    // Table dx: a 7/11, b 4/11. t(20) = t(30) = 1 − 7/11 = 4/11; t(40) = |⅓ − 7/11| = 10/33; t(50) = |½ − 7/11| = 3/22.
    // l(40) = H(⅓, ⅔) = log2 3 − ⅔ ≈ 0.918; l(50) = 1.
    private static AnonTable Table() => Tables.Of("age|dx",
        "20|a", "30|a", "30|a", "30|a", "40|a", "40|b", "40|b", "50|a", "50|b", "50|a", "50|b");

    private static readonly string[] Only50 = ["50|a", "50|b", "50|a", "50|b"];

    [Fact]
    public void Default_thresholds_remove_exactly_the_rows_of_failing_classes()
    {
        var result = PrivacyEnforcer.Enforce(Table(), ["age"], ["dx"]);

        Assert.Equal(4, result.RowsRemoved);
        Assert.Equal(2, result.ClassesRemoved);
        Assert.Equal(["40|a", "40|b", "40|b", .. Only50], Tables.Lines(result.Table));
        Assert.True(result.Before.HasProblems);
        Assert.Equal(0.0, result.Before.P29);
        Assert.False(result.After.HasProblems);
        Assert.Equal(3, result.After.MinK);
        Assert.Equal(PrivacyThresholds.Default, result.Thresholds);
    }

    [Fact]
    public void After_is_measured_against_the_kept_table()
    {
        var after = PrivacyEnforcer.Enforce(Table(), ["age"], ["dx"]).After;

        // Kept table: a 3/7, b 4/7. t(40) = |⅓ − 3/7| = 2/21, t(50) = |½ − 3/7| = 1/14 → normalised 1 and 0, mean ½.
        // mean l = (log2 3 − ⅔ + 1)/2. P29 = 0.5·(1 − 1/3) + 0.25·(log2 3 + ⅓)/2 + 0.25·(1 − ½).
        Assert.Equal(2.0 / 21, after.MaxT, 1e-12);
        Assert.Equal(Math.Log2(3) - 2.0 / 3, after.MinL!.Value, 1e-12);
        Assert.Equal(0.5 * (1 - 1.0 / 3) + 0.25 * (Math.Log2(3) + 1.0 / 3) / 2 + 0.25 * 0.5, after.P29, 1e-12);
    }

    [Theory]
    [InlineData(3, 0.0, 0.5)]  // k ≤ 3 fails: only 50 (k = 4) stays
    [InlineData(0, 0.95, 0.5)] // l(40) ≈ 0.918 ≤ 0.95 fails
    [InlineData(0, 0.0, 0.2)]  // t(40) = 10/33 > 0.2 fails
    public void Each_threshold_removes_the_classes_it_should(int kMin, double lMin, double tMax)
    {
        var result = PrivacyEnforcer.Enforce(Table(), ["age"], ["dx"], new PrivacyThresholds(kMin, lMin, tMax));

        Assert.Equal(Only50, Tables.Lines(result.Table));
        Assert.Equal(7, result.RowsRemoved);
        Assert.Equal(3, result.ClassesRemoved);
    }

    [Fact]
    public void A_class_is_kept_at_exactly_t_max()
    {
        // t(40) = 10/33 exactly equals t_max: t ≤ t_max passes.
        var result = PrivacyEnforcer.Enforce(Table(), ["age"], ["dx"], new PrivacyThresholds(1, 0.0, 10.0 / 33));
        Assert.Equal(4, result.RowsRemoved);
    }

    [Fact]
    public void Nothing_is_removed_from_a_table_without_failing_classes()
    {
        var table = Tables.Of("g|s", "A|x", "A|y", "B|x", "B|y");
        var result = PrivacyEnforcer.Enforce(table, ["g"], ["s"]);
        Assert.Equal((0, 0), (result.RowsRemoved, result.ClassesRemoved));
        Assert.Same(table, result.Table);
    }
}

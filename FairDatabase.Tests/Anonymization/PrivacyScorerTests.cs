using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>k, l, t and P29 on tables small enough to compute by hand.</summary>
public sealed class PrivacyScorerTests
{
    private const double Precision = 1e-12;

    // Class A (4 rows): s1 = x, x, y, z   s2 = 1, 2, 1, 2
    // Class B (2 rows): s1 = y, z         s2 = 1, 2
    // Table: s1 x 2/6, y 2/6, z 2/6 (3 distinct); s2 1 3/6, 2 3/6 (2 distinct).
    private static AnonTable HandTable() => Tables.Of("g|s1|s2",
        "A|x|1", "A|x|2", "A|y|1", "A|z|2", "B|y|1", "B|z|2");

    [Fact]
    public void K_l_t_and_P29_match_the_hand_computation()
    {
        var report = PrivacyScorer.Evaluate(HandTable(), ["g"], ["s1", "s2"]);

        // k: A = 4, B = 2 → min k = 2.
        // l(s1): A: H = −(½·log2 ½ + 2·¼·log2 ¼) = 1.5 → 1.5/log2 3;  B: H = 1 → 1/log2 3.
        // l(s2): A and B are 50/50 → 1/log2 2 = 1.
        // t(s1): A: ½(|½−⅓| + 2·|¼−⅓|) = ½(⅙ + ⅙) = ⅙;  B: ½(|0−⅓| + 2·|½−⅓|) = ½(⅓ + ⅓) = ⅓.
        // t(s2): 0 in both classes.
        // mean l = (1.5/log2 3 + 1/log2 3 + 1 + 1)/4 = (2.5/log2 3 + 2)/4.
        // normalised t: s1 → A 0, B 1; s2 constant → 0, 0; mean = 1/4.
        // P29 = 0.5·(1 − 1/2) + 0.25·(2.5/log2 3 + 2)/4 + 0.25·(1 − 1/4) = 0.25 + (2.5/log2 3 + 2)/16 + 0.1875.
        var log2Of3 = Math.Log2(3);
        Assert.False(report.HasProblems);
        Assert.Equal(2, report.MinK);
        Assert.Equal(2, report.ClassCount);
        Assert.Equal(6, report.RowCount);
        Assert.Equal(1 / log2Of3, report.MinL!.Value, Precision);
        Assert.Equal(1.0 / 3, report.MaxT, Precision);
        Assert.Equal((2.5 / log2Of3 + 2) / 4, report.MeanL, Precision);
        Assert.Equal(0.25, report.MeanNormalizedT, Precision);
        Assert.Equal(0.25 + (2.5 / log2Of3 + 2) / 16 + 0.1875, report.P29, Precision);
        Assert.Empty(report.Reasons);
        Assert.Empty(report.ProblemClasses);
        Assert.Equal(["g"], report.QuasiIdentifiers);
        Assert.Equal(["s1", "s2"], report.SensitiveAttributes);
    }

    [Fact]
    public void Per_attribute_summaries_report_l_t_and_whether_values_look_numeric()
    {
        var report = PrivacyScorer.Evaluate(HandTable(), ["g"], ["s1", "s2"]);

        var s1 = report.Attributes[0];
        Assert.Equal(("s1", 3, false, true), (s1.Name, s1.DistinctValues, s1.IsNumeric, s1.LDefined));
        Assert.Equal(1 / Math.Log2(3), s1.MinL!.Value, Precision);
        Assert.Equal(1.25 / Math.Log2(3), s1.MeanL!.Value, Precision);
        Assert.Equal(1.0 / 6, s1.MinT, Precision);
        Assert.Equal(1.0 / 3, s1.MaxT, Precision);
        Assert.Equal(0.25, s1.MeanT, Precision);
        var s2 = report.Attributes[1];
        Assert.True(s2.IsNumeric);
        Assert.Equal(1.0, s2.MinL!.Value, Precision);
        Assert.Equal(0.0, s2.MaxT, Precision);
    }

    // The same shape with categorical and numeric-looking values: t treats both as categories.
    // Class A: two values each 1/8 of the table; class B: two values each 3/8.
    // t(A) = ½(|½−⅛| + |½−⅛| + ⅜ + ⅜) = ¾ > 0.5;  t(B) = ½(⅛ + ⅛ + ⅛ + ⅛) = ¼.
    [Theory]
    [InlineData("x", "y", "z", "w", false)]
    [InlineData("1.5", "2", "10", "-3", true)]
    public void T_is_the_variational_distance_for_categorical_and_numeric_looking_values(string a1, string a2, string b1, string b2, bool numeric)
    {
        var table = Tables.Of("g|s", $"A|{a1}", $"A|{a2}", $"B|{b1}", $"B|{b1}", $"B|{b1}", $"B|{b2}", $"B|{b2}", $"B|{b2}");

        var report = PrivacyScorer.Evaluate(table, ["g"], ["s"]);

        Assert.Equal(numeric, report.Attributes[0].IsNumeric);
        Assert.Equal(0.75, report.MaxT, Precision);
        Assert.Equal(0.25, report.Attributes[0].MinT, Precision);
        Assert.Equal(0.5, report.Attributes[0].MeanT, Precision);
        Assert.Equal(0.5, report.MinL!.Value, Precision); // each class: H = 1 over log2 4 = 2
        Assert.True(report.HasProblems);
        Assert.Equal(0.0, report.P29);
        Assert.Equal(["1 class has t > 0.5 for s (the class's distribution differs strongly from the whole table)."], report.Reasons);
        var problem = Assert.Single(report.ProblemClasses);
        Assert.Equal(("g: A", 2), (problem.Description, problem.K));
        Assert.Equal(["t = 0.75 for s"], problem.Issues);
    }

    [Fact]
    public void An_attribute_with_one_distinct_value_has_undefined_l_and_is_reported_not_scored()
    {
        // s has l: A = {x, y} → 1, B = {x, y} → 1; c is "same" everywhere → l undefined, t = 0.
        // P29 = 0.5·(1 − 1/2) + 0.25·1 + 0.25·(1 − 0) = 0.75.
        var table = Tables.Of("g|s|c", "A|x|same", "A|y|same", "B|x|same", "B|y|same");

        var report = PrivacyScorer.Evaluate(table, ["g"], ["s", "c"]);

        Assert.False(report.HasProblems);
        Assert.Equal(0.75, report.P29, Precision);
        Assert.False(report.Attributes[1].LDefined);
        Assert.Null(report.Attributes[1].MinL);
        Assert.Equal(["l is undefined for c: it has 1 distinct value in the table, so it is left out of l."], report.Notes);
    }

    [Fact]
    public void When_no_attribute_has_a_defined_l_the_l_term_counts_as_zero()
    {
        // min k = 3 → 0.5·(1 − 1/3) = 1/3; l term 0; t all 0 → 0.25. P29 = 1/3 + 0.25.
        var table = Tables.Of("g|c", "A|v", "A|v", "A|v", "B|v", "B|v", "B|v");

        var report = PrivacyScorer.Evaluate(table, ["g"], ["c"]);

        Assert.Null(report.MinL);
        Assert.Equal(0.0, report.MeanL);
        Assert.Equal(1.0 / 3 + 0.25, report.P29, Precision);
        Assert.Contains("No sensitive attribute has a defined l, so the l term of P29 counts as 0.", report.Notes);
    }

    [Fact]
    public void A_report_serializes_to_json_at_full_precision()
    {
        var report = PrivacyScorer.Evaluate(HandTable(), ["g"], ["s1", "s2"]);

        var json = System.Text.Json.JsonSerializer.Serialize(report);
        var back = System.Text.Json.JsonSerializer.Deserialize<PrivacyReport>(json)!;

        Assert.Equal(report.P29, back.P29); // exact: doubles round-trip
        Assert.Equal(report.MinL, back.MinL);
        Assert.Equal(report.Attributes[0].MeanL, back.Attributes[0].MeanL);
    }
}

using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Risk;
using FairDatabase.Tests.Anonymization;

namespace FairDatabase.Tests.Releases;

/// <summary>Risk figures on tables small enough to count by hand.</summary>
public sealed class RiskCalculatorTests
{
    private const double Precision = 1e-12;

    // Release: classes (30s,F) f=2, (60s,M) f=2, (70s,F) f=1; n = 5, three classes.
    private static readonly string[] ReleaseRows = ["30s|F|flu", "30s|F|cold", "60s|M|flu", "60s|M|cold", "70s|F|flu"];

    // Population (the source generalized the same way): (30s,F) F=3, (60s,M) F=2, (70s,F) F=4, and (40s,M) F=1 not released; N = 10.
    private static readonly string[] PopulationRows =
        ["30s|F|a", "30s|F|b", "30s|F|c", "60s|M|a", "60s|M|b", "70s|F|a", "70s|F|b", "70s|F|c", "70s|F|d", "40s|M|a"];

    [Fact]
    public void Figures_against_a_population_match_the_hand_count()
    {
        var release = Tables.Of("age|sex|diagnosis", ReleaseRows);
        var population = Tables.Of("age|sex|diagnosis", PopulationRows);

        var risk = RiskCalculator.Compute(release, population, ["age", "sex"], threshold: 0.6);

        Assert.Equal(5, risk.Rows);
        Assert.Equal(3, risk.Classes);
        Assert.Equal(10, risk.PopulationRows);
        Assert.False(risk.PopulationIsRelease);
        Assert.Equal(1.0, risk.ProsecutorHighest, Precision);               // 1 / min f = 1 / 1
        Assert.Equal(3.0 / 5, risk.ProsecutorAverage, Precision);           // classes / n
        Assert.Equal(1.0 / 5, risk.RecordsAtRisk, Precision);               // only f = 1 has 1/f > 0.6
        Assert.Equal(1.0 / 2, risk.JournalistHighest, Precision);           // 1 / min F over released classes = 1 / 2
        Assert.Equal((2.0 / 3 + 2.0 / 2 + 1.0 / 4) / 5, risk.Marketer, Precision); // (1/n) Σ f/F
        Assert.Equal(1.0 / 5, risk.SampleUniques, Precision);
        Assert.Equal(0.6, risk.Threshold);
        Assert.Equal(["age", "sex"], risk.QuasiIdentifiers);
        // The unique row (70s, F): without age it joins the two (30s, F) rows; without sex it stays alone.
        Assert.Equal([new RiskDriver("age", 1.0), new RiskDriver("sex", 0.0)], risk.Drivers);
    }

    [Fact]
    public void The_threshold_decides_which_rows_are_at_risk()
    {
        var release = Tables.Of("age|sex|diagnosis", ReleaseRows);

        var strict = RiskCalculator.Compute(release, null, ["age", "sex"], threshold: 0.2);

        Assert.Equal(1.0, strict.RecordsAtRisk, Precision); // 1/2 and 1/1 both exceed 0.2
        Assert.Equal(0.2, strict.Threshold);
    }

    [Fact]
    public void Without_a_population_the_release_stands_in_for_it()
    {
        var release = Tables.Of("age|sex|diagnosis", ReleaseRows);

        var risk = RiskCalculator.Compute(release, null, ["age", "sex"], threshold: 0.2);

        Assert.True(risk.PopulationIsRelease);
        Assert.Equal(5, risk.PopulationRows);
        Assert.Equal(risk.ProsecutorHighest, risk.JournalistHighest, Precision); // F = f
        Assert.Equal(3.0 / 5, risk.Marketer, Precision);                          // Σ f/f over classes = classes
    }

    [Fact]
    public void Every_spelling_of_a_missing_value_is_one_class()
    {
        // "", NA, null and NaN are the same missing value; "x" is its own class.
        var release = Tables.Of("qi|other", "|1", "NA|2", "null|3", "NaN|4", "x|5", "x|6");

        var risk = RiskCalculator.Compute(release, null, ["qi"], threshold: 0.2);

        Assert.Equal(2, risk.Classes);
        Assert.Equal(1.0 / 2, risk.ProsecutorHighest, Precision);
        Assert.Equal(0, risk.SampleUniques);
        Assert.Equal([new RiskDriver("qi", 0)], risk.Drivers);
    }

    [Fact]
    public void A_population_class_smaller_than_the_release_class_counts_as_the_release_class()
    {
        // The source was corrected after anonymization: one released (b) row no longer exists there.
        var release = Tables.Of("qi", "a", "a", "b", "b");
        var population = Tables.Of("qi", "a", "a", "a", "b");

        var risk = RiskCalculator.Compute(release, population, ["qi"], threshold: 0.2);

        Assert.Equal(1.0 / 2, risk.JournalistHighest, Precision); // F(b) taken as f(b) = 2
        Assert.Equal((2.0 / 3 + 2.0 / 2) / 4, risk.Marketer, Precision);
    }

    [Fact]
    public void A_single_quasi_identifier_resolves_uniques_when_left_out()
    {
        var release = Tables.Of("qi", "a", "b", "b");

        var risk = RiskCalculator.Compute(release, null, ["qi"], threshold: 0.2);

        Assert.Equal(1.0 / 3, risk.SampleUniques, Precision);
        Assert.Equal([new RiskDriver("qi", 1.0)], risk.Drivers);
    }

    [Fact]
    public void An_identifier_among_the_quasi_identifiers_keeps_every_row_unique_unless_it_is_left_out()
    {
        var release = Tables.Of("id|sex", "1|F", "2|F", "3|M");

        var risk = RiskCalculator.Compute(release, null, ["id", "sex"], threshold: 0.2);

        Assert.Equal(1.0, risk.SampleUniques, Precision);
        // Without id, the two F rows share a class (2 of 3 uniques resolved); without sex, id still tells every row apart.
        Assert.Equal([new RiskDriver("id", 2.0 / 3), new RiskDriver("sex", 0)], risk.Drivers);
    }

    [Fact]
    public void An_empty_release_has_zero_figures()
    {
        var risk = RiskCalculator.Compute(Tables.Of("qi"), null, ["qi"], threshold: 0.2);

        Assert.Equal(0, risk.Rows);
        Assert.Equal(0, risk.ProsecutorHighest);
        Assert.Empty(risk.Drivers);
    }
}

using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Every refusal of the privacy steps, with the exact message the researcher reads.</summary>
public sealed class PrivacyValidationTests
{
    private static readonly AnonTable Table = Tables.Of("age|sex|dx|smoker", "30|F|a|yes");

    [Theory]
    [InlineData(new string[0], new[] { "dx" }, "Choose at least one quasi-identifier.")]
    [InlineData(new[] { "age" }, new string[0], "Choose at least one sensitive attribute.")]
    [InlineData(new[] { "age", "dx" }, new[] { "dx", "smoker" }, "A column cannot be both a quasi-identifier and a sensitive attribute: 'dx'.")]
    [InlineData(new[] { "age", "zip" }, new[] { "dx" }, "Unknown quasi-identifier: 'zip' (not a column of the table).")]
    [InlineData(new[] { "age" }, new[] { "bmi", "income" }, "Unknown sensitive attributes: 'bmi', 'income' (not a column of the table).")]
    [InlineData(new[] { "age" }, new[] { "dx", "dx" }, "Each sensitive attribute may be listed once; listed more than once: 'dx'.")]
    public void Scoring_and_enforcement_refuse_invalid_columns(string[] quasiIdentifiers, string[] sensitive, string message)
    {
        Assert.Equal(message, Assert.Throws<AnonymizationValidationException>(() => PrivacyScorer.Evaluate(Table, quasiIdentifiers, sensitive)).Message);
        Assert.Equal(message, Assert.Throws<AnonymizationValidationException>(() => PrivacyEnforcer.Enforce(Table, quasiIdentifiers, sensitive)).Message);
    }

    [Fact]
    public void The_offending_columns_are_carried_by_the_exception()
    {
        var e = Assert.Throws<AnonymizationValidationException>(() => PrivacyScorer.Evaluate(Table, ["age", "zip", "zap"], ["dx"]));
        Assert.Equal(["zip", "zap"], e.Columns);
    }

    [Theory]
    [InlineData(-1, 0.0, 0.5, "k_min must be 0 or more (got -1).")]
    [InlineData(1, -0.1, 0.5, "l_min must be between 0 and 1 (got -0.1).")]
    [InlineData(1, 0.0, 1.5, "t_max must be between 0 and 1 (got 1.5).")]
    [InlineData(1, double.NaN, 0.5, "l_min must be between 0 and 1 (got NaN).")]
    public void Enforcement_thresholds_are_checked(int kMin, double lMin, double tMax, string message)
    {
        var e = Assert.Throws<AnonymizationValidationException>(() => PrivacyEnforcer.Enforce(Table, ["age"], ["dx"], new PrivacyThresholds(kMin, lMin, tMax)));
        Assert.Equal(message, e.Message);
    }
}

using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Every refusal of local differential privacy, with the exact message.</summary>
public sealed class LocalDifferentialPrivacyValidationTests
{
    private static readonly AnonTable Table = Tables.Of("age|dx|bmi|city|job", "30|a|22|Gent|nurse");

    private static string Refusal(DifferentialPrivacyRequest request) =>
        Assert.Throws<AnonymizationValidationException>(() => LocalDifferentialPrivacy.Apply(Table, request)).Message;

    private static DifferentialPrivacyRequest Valid() => new(["age"], ["dx"], ["city", "job"], ["bmi"]);

    [Fact]
    public void A_complete_split_is_accepted_with_the_documented_defaults()
    {
        var result = LocalDifferentialPrivacy.Apply(Table, Valid());
        Assert.Equal((2.0, 0.5), (result.Epsilon, result.KeepProbability));
        Assert.Equal(["bmi"], result.Numerical.Select(n => n.Column));
        Assert.Equal(["city", "job"], result.Categorical.Select(c => c.Column));
    }

    [Fact]
    public void Columns_left_out_are_listed()
    {
        Assert.Equal(
            "Declare every column that is neither a quasi-identifier nor a sensitive attribute as categorical or numerical; not declared: 'city', 'job'.",
            Refusal(Valid() with { CategoricalColumns = [] }));
    }

    [Fact]
    public void A_column_in_both_lists_is_listed()
    {
        Assert.Equal("A column cannot be both categorical and numerical: 'bmi'.",
            Refusal(Valid() with { CategoricalColumns = ["city", "job", "bmi"] }));
    }

    [Fact]
    public void Quasi_identifiers_and_sensitive_attributes_cannot_be_declared()
    {
        Assert.Equal("Quasi-identifiers and sensitive attributes stay as they are and cannot be declared categorical or numerical: 'age', 'dx'.",
            Refusal(Valid() with { CategoricalColumns = ["city", "job", "age"], NumericalColumns = ["bmi", "dx"] }));
    }

    [Theory]
    [InlineData(0.0, 0.5, "Epsilon must be a finite number greater than 0 (got 0).")]
    [InlineData(-1.0, 0.5, "Epsilon must be a finite number greater than 0 (got -1).")]
    [InlineData(double.PositiveInfinity, 0.5, "Epsilon must be a finite number greater than 0 (got Infinity).")]
    [InlineData(2.0, 1.5, "The keep probability p must be between 0 and 1 (got 1.5).")]
    [InlineData(2.0, -0.1, "The keep probability p must be between 0 and 1 (got -0.1).")]
    public void Epsilon_and_p_are_checked(double epsilon, double p, string message)
    {
        Assert.Equal(message, Refusal(Valid() with { Epsilon = epsilon, KeepProbability = p }));
    }

    [Fact]
    public void Unknown_repeated_and_overlapping_names_are_refused()
    {
        Assert.Equal("Unknown categorical column: 'town' (not a column of the table).",
            Refusal(Valid() with { CategoricalColumns = ["town", "city", "job"] }));
        Assert.Equal("Unknown numerical column: 'weight' (not a column of the table).",
            Refusal(Valid() with { NumericalColumns = ["bmi", "weight"] }));
        Assert.Equal("Each numerical column may be listed once; listed more than once: 'bmi'.",
            Refusal(Valid() with { NumericalColumns = ["bmi", "bmi"] }));
        Assert.Equal("A column cannot be both a quasi-identifier and a sensitive attribute: 'age'.",
            Refusal(Valid() with { SensitiveAttributes = ["dx", "age"] }));
    }
}

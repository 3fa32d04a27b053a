using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Anonymization.Rules;

namespace FairDatabase.Tests.Anonymization.Rules;

public sealed class RuleCompilerTests
{
    private static string? Apply(GeneralizationRule rule, string value) => RuleCompiler.Generalize(rule, value);

    [Theory]
    [InlineData("43", 10, null, "[40, 50)")]
    [InlineData("40", 10, null, "[40, 50)")]
    [InlineData("-1", 10, null, "[-10, 0)")]
    [InlineData("18.2", 2.5, null, "[17.5, 20)")]
    [InlineData("0.3", 0.1, null, "[0.3, 0.4)")]
    [InlineData("7", 5, 2.0, "[7, 12)")]
    [InlineData("6.99", 5, 2.0, "[2, 7)")]
    [InlineData("1e2", 25, null, "[100, 125)")]
    public void Intervals_start_at_S_plus_a_multiple_of_W_and_write_numbers_without_trailing_zeros(string value, double width, double? start, string expected) =>
        Assert.Equal(expected, Apply(new GeneralizationRule(GeneralizationRule.Interval, Width: (decimal)width, Start: (decimal?)start), value));

    [Theory]
    [InlineData("17", "< 18")]
    [InlineData("18", "18")]
    [InlineData("89.9", "89.9")]
    [InlineData("90", ">= 90")]
    public void Top_and_bottom_coding_keep_the_values_in_between(string value, string expected) =>
        Assert.Equal(expected, Apply(new GeneralizationRule(GeneralizationRule.TopBottom, Bottom: 18, Top: 90), value));

    [Fact]
    public void Top_and_bottom_coding_combine_with_intervals() =>
        Assert.Equal(["< 18", "[20, 30)", ">= 90"],
            new[] { "3", "25", "95" }.Select(v => Apply(new GeneralizationRule(GeneralizationRule.Interval, Width: 10, Bottom: 18, Top: 90), v)));

    [Theory]
    [InlineData("1234AB", 2, "12****")]
    [InlineData("12", 2, "12")]
    [InlineData("abc", 0, "***")]
    public void Masking_keeps_the_first_characters(string value, int keep, string expected) =>
        Assert.Equal(expected, Apply(new GeneralizationRule(GeneralizationRule.Mask, Keep: keep), value));

    [Theory]
    [InlineData("2024-03-15", "year", "2024")]
    [InlineData("2024-03-15", "month", "2024-03")]
    [InlineData("2024-03-15T10:20:00Z", "month", "2024-03")]
    [InlineData("2024-02-30", "year", null)]
    [InlineData("15/03/2024", "year", null)]
    public void Dates_coarsen_to_year_or_month_and_other_text_is_unreadable(string value, string unit, string? expected) =>
        Assert.Equal(expected, Apply(new GeneralizationRule(GeneralizationRule.Date, Unit: unit), value));

    [Fact]
    public void Compiling_leaves_missing_values_alone_and_counts_unreadable_ones()
    {
        var values = new[] { new ValueCount("", 3, 0), new ValueCount("NA", 1, 0), new ValueCount("41", 2, 0), new ValueCount("old", 4, 0) };

        var compiled = RuleCompiler.Compile(new GeneralizationRule(GeneralizationRule.Interval, Width: 10), values);

        Assert.Equal(new Dictionary<string, string> { ["41"] = "[40, 50)" }, compiled.Mapping);
        Assert.Equal((1, 4), (compiled.UnreadableValues, compiled.UnreadableRows));
    }

    [Theory]
    [InlineData("interval", "interval_width", "0", "interval_width")]
    [InlineData("interval", "interval_width", "-5", "interval_width")]
    [InlineData("interval", "interval_width", "ten", "interval_width")]
    [InlineData("interval", "interval_start", "x", "interval_start")]
    [InlineData("mask", "keep", "-1", "keep")]
    [InlineData("mask", "keep", "1.5", "keep")]
    [InlineData("date", "unit", "week", "unit")]
    [InlineData("top_bottom", "bottom", "", "bottom")]
    [InlineData("round", "rule", "round", "rule")]
    public void A_bad_parameter_is_refused_naming_the_field(string rule, string field, string value, string named)
    {
        var fields = new Dictionary<string, string> { ["rule"] = rule, ["interval_width"] = "10", ["keep"] = "1", ["unit"] = "year", ["bottom"] = "1", [field] = value };
        if (rule == "top_bottom") fields.Remove("bottom");

        var e = Assert.Throws<AnonymizationValidationException>(() => GeneralizationRule.FromFields(n => fields.GetValueOrDefault(n)));

        Assert.StartsWith(named + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_rule_field_means_no_rule() => Assert.Null(GeneralizationRule.FromFields(_ => null));

    [Fact]
    public void A_rule_read_from_fields_describes_itself_for_provenance()
    {
        var fields = new Dictionary<string, string> { ["rule"] = "interval", ["interval_width"] = "2.50", ["interval_start"] = "1", ["top"] = "40" };
        var rule = GeneralizationRule.FromFields(n => fields.GetValueOrDefault(n))!;
        Assert.Equal("interval width 2.5 from 1, >= 40", rule.Describe());
    }
}

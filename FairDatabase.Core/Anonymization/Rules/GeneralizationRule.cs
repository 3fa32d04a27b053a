using System.Globalization;

namespace FairDatabase.Core.Anonymization.Rules;

/// <summary>
/// A generalization rule for one quasi-identifier (README, "generalization rules"). Kinds:
/// <c>interval</c> (Width, optional Start, optionally combined with Bottom/Top coding),
/// <c>top_bottom</c> (Bottom and/or Top), <c>mask</c> (Keep), <c>date</c> (Unit year|month).
/// Kept in the recipe as applied, for provenance.
/// </summary>
public sealed record GeneralizationRule(string Kind, decimal? Width = null, decimal? Start = null, decimal? Bottom = null,
    decimal? Top = null, int? Keep = null, string? Unit = null)
{
    public const string Interval = "interval";
    public const string TopBottom = "top_bottom";
    public const string Mask = "mask";
    public const string Date = "date";

    /// <summary>
    /// Reads a rule from form fields (<c>rule</c>, <c>interval_width</c>, <c>interval_start</c>,
    /// <c>bottom</c>, <c>top</c>, <c>keep</c>, <c>unit</c>); null when <c>rule</c> is empty.
    /// </summary>
    /// <exception cref="AnonymizationValidationException">A parameter is missing or invalid; the message names the field.</exception>
    public static GeneralizationRule? FromFields(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var kind = field("rule")?.Trim();
        if (string.IsNullOrEmpty(kind)) return null;
        var rule = kind switch
        {
            Interval => new GeneralizationRule(Interval, Width: Number(field, "interval_width", required: true),
                Start: Number(field, "interval_start"), Bottom: Number(field, "bottom"), Top: Number(field, "top")),
            TopBottom => new GeneralizationRule(TopBottom, Bottom: Number(field, "bottom"), Top: Number(field, "top")),
            Mask => new GeneralizationRule(Mask, Keep: WholeNumber(field, "keep")),
            Date => new GeneralizationRule(Date, Unit: field("unit")?.Trim().ToLowerInvariant()),
            _ => throw new AnonymizationValidationException($"rule: unknown rule '{kind}'; use interval, top_bottom, mask or date."),
        };
        rule.Validate();
        return rule;
    }

    /// <exception cref="AnonymizationValidationException">A parameter is out of range; the message names the field.</exception>
    public void Validate()
    {
        switch (Kind)
        {
            case Interval when Width is not > 0:
                throw new AnonymizationValidationException("interval_width: the interval width must be a number greater than 0.");
            case TopBottom when Bottom is null && Top is null:
                throw new AnonymizationValidationException("bottom: give a bottom and/or a top value for top/bottom coding.");
            case Interval or TopBottom when Bottom is { } b && Top is { } t && b > t:
                throw new AnonymizationValidationException("top: the top value must not be below the bottom value.");
            case Mask when Keep is not >= 0:
                throw new AnonymizationValidationException("keep: the number of characters to keep must be 0 or more.");
            case Date when Unit is not ("year" or "month"):
                throw new AnonymizationValidationException($"unit: unknown date unit '{Unit}'; use year or month.");
            case Interval or TopBottom or Mask or Date:
                return;
            default:
                throw new AnonymizationValidationException($"rule: unknown rule '{Kind}'; use interval, top_bottom, mask or date.");
        }
    }

    /// <summary>The rule in words, for the saved dataset's provenance.</summary>
    public string Describe() => Kind switch
    {
        Interval => $"interval width {Text(Width)} from {Text(Start ?? 0)}" + Coding(),
        TopBottom => "top/bottom coding" + Coding(),
        Mask => $"mask keeping {Keep} characters",
        _ => $"date to {Unit}",
    };

    private string Coding() => (Bottom is { } b ? $", < {Text(b)}" : "") + (Top is { } t ? $", >= {Text(t)}" : "");

    /// <summary>A number as the rules write it: invariant culture, no trailing zeros.</summary>
    public static string Text(decimal? number) =>
        number?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "";

    private static decimal? Number(Func<string, string?> field, string name, bool required = false)
    {
        var text = field(name)?.Trim();
        if (string.IsNullOrEmpty(text))
            return required ? throw new AnonymizationValidationException($"{name}: a number is required.") : null;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AnonymizationValidationException($"{name}: '{text}' is not a number.");
    }

    private static int? WholeNumber(Func<string, string?> field, string name)
    {
        var text = field(name)?.Trim();
        if (string.IsNullOrEmpty(text)) throw new AnonymizationValidationException($"{name}: a whole number is required.");
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AnonymizationValidationException($"{name}: '{text}' is not a whole number.");
    }
}

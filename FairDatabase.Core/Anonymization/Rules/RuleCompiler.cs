using System.Globalization;
using System.Text.RegularExpressions;

namespace FairDatabase.Core.Anonymization.Rules;

/// <summary>A rule compiled over a column's distinct values.</summary>
/// <param name="Mapping">Old value → generalized value, for every value the rule changes.</param>
/// <param name="UnreadableValues">Distinct non-missing values the rule could not read (left unchanged).</param>
/// <param name="UnreadableRows">Rows holding those values.</param>
public sealed record CompiledRule(IReadOnlyDictionary<string, string> Mapping, int UnreadableValues, int UnreadableRows);

/// <summary>
/// Turns a <see cref="GeneralizationRule"/> into a per-value map over a column's distinct values,
/// so a rule costs one pass over the distinct values and replays like a typed mapping. Missing
/// values stay missing; values the rule cannot read stay unchanged and are counted.
/// </summary>
public static partial class RuleCompiler
{
    public static CompiledRule Compile(GeneralizationRule rule, IReadOnlyList<ValueCount> values)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(values);
        rule.Validate();
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        int unreadable = 0, unreadableRows = 0;
        foreach (var value in values)
        {
            if (AnonColumn.IsMissing(value.Value)) continue;
            var generalized = Generalize(rule, value.Value);
            if (generalized is null)
            {
                unreadable++;
                unreadableRows += value.Count;
            }
            else if (generalized != value.Value)
                mapping[value.Value] = generalized;
        }
        return new CompiledRule(mapping, unreadable, unreadableRows);
    }

    /// <summary>The generalized value, or null when the rule cannot read it.</summary>
    public static string? Generalize(GeneralizationRule rule, string value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(value);
        return rule.Kind switch
        {
            GeneralizationRule.Interval or GeneralizationRule.TopBottom => Numeric(rule, value),
            GeneralizationRule.Mask => MaskText(value, rule.Keep ?? 0),
            _ => DateText(value, rule.Unit),
        };
    }

    private static string? Numeric(GeneralizationRule rule, string value)
    {
        if (!decimal.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return null;
        if (rule.Bottom is { } bottom && v < bottom) return "< " + GeneralizationRule.Text(bottom);
        if (rule.Top is { } top && v >= top) return ">= " + GeneralizationRule.Text(top);
        if (rule.Kind != GeneralizationRule.Interval) return value;
        var width = rule.Width!.Value;
        var start = rule.Start ?? 0m;
        try
        {
            var a = start + decimal.Floor((v - start) / width) * width;
            return $"[{GeneralizationRule.Text(a)}, {GeneralizationRule.Text(a + width)})";
        }
        catch (OverflowException)
        {
            return null; // far outside what a decimal interval can write: left unchanged and counted
        }
    }

    private static string MaskText(string value, int keep) =>
        value.Length <= keep ? value : string.Concat(value.AsSpan(0, keep), new string('*', value.Length - keep));

    private static string? DateText(string value, string? unit)
    {
        var match = IsoDate().Match(value.Trim());
        if (!match.Success || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return null;
        return unit == "year"
            ? date.Year.ToString("D4", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}

using FairDatabase.Core.Anonymization;

namespace FairDatabase.Web.Models;

/// <summary>
/// The missing-values step for wide tables: columns with missing cells first (most missing first),
/// the complete ones summarised, since a microbiome table has thousands of complete count columns.
/// </summary>
public sealed record MissingValuesModel(IReadOnlyList<ColumnMissingShare> WithMissing, IReadOnlyList<string> Complete)
{
    /// <summary>How many columns get a bar; the rest with missing cells are listed in a collapsed table.</summary>
    public const int Bars = 40;

    public static MissingValuesModel From(IReadOnlyList<ColumnMissingShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var withMissing = shares.Where(s => s.MissingCount > 0)
            .OrderByDescending(s => s.MissingCount).ThenBy(s => s.Column, StringComparer.Ordinal).ToList();
        var complete = shares.Where(s => s.MissingCount == 0).Select(s => s.Column).ToList();
        return new MissingValuesModel(withMissing, complete);
    }

    /// <summary>"1,987 columns have no missing values", in words for 0 and 1.</summary>
    public string CompleteSummary => Complete.Count switch
    {
        0 => "Every column has missing values.",
        1 => "1 column has no missing values.",
        var n => $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} columns have no missing values.",
    };
}

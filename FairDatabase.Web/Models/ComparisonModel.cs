using FairDatabase.Core.Anonymization.Workspace;

namespace FairDatabase.Web.Models;

/// <summary>The before/after chart of one column changed by local DP, with the other changed columns to choose from.</summary>
public sealed record ComparisonModel(string Column, IReadOnlyList<string> Choices, ChartModel Chart)
{
    /// <summary>How many changed columns the chooser lists (a wide table may have thousands).</summary>
    public const int ListedChoices = 500;

    public static ComparisonModel From(DistributionComparison comparison, IReadOnlyList<string> perturbed)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(perturbed);
        var chart = new ChartModel("dp-compare", $"“{comparison.Column}” before and after local differential privacy",
            comparison.Numerical ? "Value" : "Category", "Rows", comparison.Labels,
            [
                new ChartSeries("Before", [.. comparison.Before.Select(c => (double)c)]),
                new ChartSeries("After", [.. comparison.After.Select(c => (double)c)]),
            ]);
        var choices = perturbed.Take(ListedChoices).ToList();
        if (!choices.Contains(comparison.Column)) choices.Insert(0, comparison.Column);
        return new ComparisonModel(comparison.Column, choices, chart);
    }
}

using System.Globalization;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Web.Models;

/// <summary>
/// What a P29 score means and what to try next, in plain words. Bands: 0 (a problem: some class
/// is unique, uniform in a sensitive attribute or far from the table's distribution), below 0.5,
/// 0.5 to 0.75, and 0.75 or more. The advice follows the report's own problems.
/// </summary>
public sealed record ScoreGuidance(string Band, string Style, string Meaning, IReadOnlyList<string> NextSteps)
{
    public static ScoreGuidance For(PrivacyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var steps = new List<string>();
        var singletons = report.ClassSizes.Where(b => b.To == 1).Sum(b => b.Classes);
        if (report.MinK <= 1)
            steps.Add($"{Count(singletons)} of {Count(report.ClassCount)} classes hold a single row, so those people can be singled out. " +
                "Generalize the quasi-identifiers further (wider age intervals, shorter postcodes, years instead of dates) or use fewer of them.");
        else if (report.MinK < 5)
            steps.Add($"The smallest class has {report.MinK} rows. Many data-sharing guidelines ask for at least 5; wider intervals merge small classes.");
        if (report.MinL is 0.0)
            steps.Add("In some classes every row has the same sensitive value, so knowing someone's class reveals it. " +
                "Coarser quasi-identifiers mix more rows per class; privacy processing can remove the classes that stay uniform (l_min above 0).");
        if (report.MaxT > PrivacyScorer.MaxAcceptableT)
            steps.Add("Some classes' sensitive values are distributed very differently from the whole table (t above 0.5). " +
                "Merging classes helps; privacy processing with t_max = 0.5 removes the rest.");
        if (report.HasProblems)
            steps.Add("Privacy processing removes every row of a failing class in one step, at the cost of those rows; generalizing keeps them.");
        else if (report.P29 < 0.75)
            steps.Add("To raise the score, make classes larger (generalize further) and more varied in their sensitive values; then calculate again.");
        steps.Add("Columns that are neither quasi-identifiers nor sensitive attributes can still be perturbed with local differential privacy before sharing.");

        return report switch
        {
            { HasProblems: true } => new("0 — a privacy problem", "danger",
                "The score is 0 because at least one class fails a basic check. Do not share this version yet.", steps),
            { P29: < 0.5 } => new("Low (below 0.5)", "warning",
                "No class fails a basic check, but classes are small or their sensitive values are not diverse: re-identification and inference risks remain high.", steps),
            { P29: < 0.75 } => new("Moderate (0.5 to 0.75)", "info",
                "Reasonable protection: classes are of fair size and diversity. Consider more generalization before sharing widely.", steps),
            _ => new("High (0.75 or more)", "success",
                "Classes are large and diverse and close to the table's distribution: a low risk of singling out or inference.", steps),
        };
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The report's class sizes as a histogram (classes per size bin).</summary>
    public static ChartModel Histogram(PrivacyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ChartModel("class-sizes", "Equivalence class sizes", "Class size (rows)", "Number of classes",
            [.. report.ClassSizes.Select(b => b.Label)],
            [new ChartSeries("Classes", [.. report.ClassSizes.Select(b => (double)b.Classes)])]);
    }
}

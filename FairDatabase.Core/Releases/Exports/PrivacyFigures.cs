namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// One privacy figure as every export carries it.
/// </summary>
/// <param name="Id">Where the figure sits in privacy-report.json ("risk.prosecutorHighest" is
/// report["risk"]["prosecutorHighest"]), so each export's copy can be checked against the report.</param>
public sealed record PrivacyFigure(string Id, string Name, double Value, string Description);

/// <summary>
/// The privacy figures of a release, in one order, for every export: schema.org, Frictionless,
/// DataCite and RO-Crate all list exactly these values, at full precision.
/// </summary>
public static class PrivacyFigures
{
    public static IReadOnlyList<PrivacyFigure> Of(Release release)
    {
        var r = release.Risk;
        var figures = new List<PrivacyFigure>
        {
            new("risk.prosecutorHighest", "Prosecutor risk, highest", r.ProsecutorHighest, "1 / smallest class size in the release"),
            new("risk.prosecutorAverage", "Prosecutor risk, average", r.ProsecutorAverage, "equivalence classes / rows"),
            new("risk.recordsAtRisk", "Records at risk", r.RecordsAtRisk, "share of rows whose prosecutor risk exceeds the threshold"),
            new("risk.journalistHighest", "Journalist risk, highest", r.JournalistHighest, "1 / smallest matching class size in the population"),
            new("risk.marketer", "Marketer risk", r.Marketer, "(1 / rows) × sum over rows of release class size / population class size"),
            new("risk.sampleUniques", "Sample uniques", r.SampleUniques, "share of rows alone in their class"),
            new("risk.threshold", "Risk threshold", r.Threshold, "highest prosecutor risk a public release may have"),
            new("risk.rows", "Rows", r.Rows, "rows of the release"),
            new("risk.classes", "Equivalence classes", r.Classes, "classes over the quasi-identifiers in the release"),
            new("risk.populationRows", "Population rows", r.PopulationRows, "rows of the population the journalist and marketer risks refer to"),
        };
        if (release.P29 is { } p)
        {
            figures.Add(new("p29.p29", "P29 score", p.P29, "the P29 privacy score in [0, 1]"));
            figures.Add(new("p29.minK", "k-anonymity", p.MinK, "smallest equivalence class"));
            if (p.MinL is { } l) figures.Add(new("p29.minL", "l-diversity", l, "smallest l over classes and sensitive attributes"));
            figures.Add(new("p29.maxT", "t-closeness", p.MaxT, "largest t over classes and sensitive attributes"));
        }
        return figures;
    }

    /// <summary>"name=value; …" with values in round-trip form, for text fields (DataCite descriptions).</summary>
    public static string AsText(IEnumerable<PrivacyFigure> figures) =>
        string.Join("; ", figures.Select(f => f.Id + "=" + f.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}

namespace FairDatabase.Core.Releases;

/// <summary>Who may open a release: its owner and grantees, or anyone with the link.</summary>
public enum ReleaseVisibility
{
    Private,
    Public,
}

/// <summary>
/// Re-identification risk of a release, every figure a full-precision share in [0, 1] (see the
/// README's Releases section for the definitions). f is a row's class size in the release, F the
/// size of the matching class in the population (the source dataset generalized the same way).
/// </summary>
/// <param name="Rows">n, the release's rows.</param>
/// <param name="Classes">Equivalence classes over <see cref="QuasiIdentifiers"/> in the release.</param>
/// <param name="ProsecutorHighest">1 / min f.</param>
/// <param name="ProsecutorAverage">classes / n.</param>
/// <param name="RecordsAtRisk">Share of rows in classes with 1 / f above <see cref="Threshold"/>.</param>
/// <param name="JournalistHighest">1 / min F.</param>
/// <param name="Marketer">(1 / n) Σ f / F over the rows' classes.</param>
/// <param name="SampleUniques">Share of rows with f = 1.</param>
/// <param name="Threshold">The risk threshold in force when the figures were computed.</param>
/// <param name="PopulationRows">Rows of the population the journalist and marketer figures refer to.</param>
/// <param name="Drivers">Per quasi-identifier, the share of sample uniques that stop being unique without it.</param>
public sealed record RiskFigures(
    long Rows,
    long Classes,
    double ProsecutorHighest,
    double ProsecutorAverage,
    double RecordsAtRisk,
    double JournalistHighest,
    double Marketer,
    double SampleUniques,
    double Threshold,
    long PopulationRows,
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<RiskDriver> Drivers)
{
    /// <summary>
    /// True when no population was available (the workflow started from an uploaded file, or the
    /// source dataset is gone or no longer readable) and the release itself stood in for it, so
    /// F = f and the journalist and marketer figures equal the prosecutor ones.
    /// </summary>
    public bool PopulationIsRelease { get; init; }
}

/// <summary>How much one quasi-identifier drives uniqueness.</summary>
public sealed record RiskDriver(string QuasiIdentifier, double UniquesResolvedShare);

/// <summary>One column of the released table, typed as a Frictionless Table Schema field type.</summary>
/// <param name="Type">"string", "integer", "number", "boolean", "date" or "datetime".</param>
public sealed record ReleaseField(string Name, string Type);

/// <summary>Where a release came from: the anonymized dataset and the dataset it was anonymized from.</summary>
/// <param name="SourceDatasetName">Null when the workflow started from an uploaded file rather than a stored dataset.</param>
/// <param name="RecipeJson">The anonymization recipe (steps and their parameters) as JSON; never holds a DP seed.</param>
public sealed record ReleaseLineage(
    Guid DatasetId,
    string DatasetName,
    Guid? SourceDatasetId,
    string? SourceDatasetName,
    string RecipeJson);

/// <summary>
/// An immutable, citable snapshot of an anonymized dataset. The data is stored with the release
/// when it is created, so <see cref="DataBytes"/> and <see cref="DataSha256"/> stay true even if
/// the dataset it came from is corrected or deleted later.
/// </summary>
/// <param name="DataSha256">Lower-case hex SHA-256 of data.csv exactly as served.</param>
/// <param name="P29">The P29 report of the released rows, when sensitive attributes were chosen.</param>
public sealed record Release(
    Guid Id,
    Guid OwnerId,
    string Title,
    string Description,
    IReadOnlyList<string> Creators,
    string License,
    IReadOnlyList<string> Keywords,
    ReleaseVisibility Visibility,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ReleaseField> Fields,
    long RowCount,
    long DataBytes,
    string DataSha256,
    RiskFigures Risk,
    Anonymization.PrivacyReport? P29,
    ReleaseLineage Lineage);

/// <summary>A row of a list of releases.</summary>
public sealed record ReleaseSummary(Guid Id, string Title, ReleaseVisibility Visibility, DateTimeOffset CreatedAt, long RowCount);

/// <summary>
/// Reads releases as the current caller (signed-in user or anonymous visitor); PostgreSQL row
/// security decides what is visible, so a release the caller may not see is simply not found.
/// </summary>
public interface IReleaseReader
{
    /// <summary>Null when the release does not exist or the caller may not see it.</summary>
    Task<Release?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>The releases the caller may see, newest first.</summary>
    Task<IReadOnlyList<ReleaseSummary>> ListVisibleAsync(CancellationToken ct);

    /// <summary>Writes data.csv (the stored snapshot) to <paramref name="destination"/>; false when not visible.</summary>
    Task<bool> CopyDataCsvAsync(Guid id, Stream destination, CancellationToken ct);
}

/// <summary>
/// Builds the schema.org Dataset JSON-LD of a release's landing page (the exports feature
/// provides it; without one the page carries no JSON-LD). Returns the JSON text only — the page
/// escapes it for its &lt;script type="application/ld+json"&gt; element.
/// </summary>
public interface IReleaseJsonLd
{
    string Build(Release release, Uri landingPage);
}

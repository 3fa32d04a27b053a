namespace FairDatabase.Core.Anonymization;

/// <summary>
/// What local differential privacy should do. Every column that is neither a
/// quasi-identifier nor a sensitive attribute must be declared exactly once, categorical or numerical.
/// </summary>
/// <param name="QuasiIdentifiers">Left unchanged.</param>
/// <param name="SensitiveAttributes">Left unchanged.</param>
/// <param name="CategoricalColumns">Randomized response with <paramref name="KeepProbability"/>.</param>
/// <param name="NumericalColumns">Laplace noise with scale (max − min)/<paramref name="Epsilon"/>.</param>
/// <param name="Epsilon">Privacy budget per numerical value; must be &gt; 0.</param>
/// <param name="KeepProbability">Probability of keeping a categorical value; in [0, 1].</param>
/// <param name="Seed">Makes the output reproducible; null draws fresh randomness.</param>
public sealed record DifferentialPrivacyRequest(
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<string> SensitiveAttributes,
    IReadOnlyList<string> CategoricalColumns,
    IReadOnlyList<string> NumericalColumns,
    double Epsilon = LocalDifferentialPrivacy.DefaultEpsilon,
    double KeepProbability = LocalDifferentialPrivacy.DefaultKeepProbability,
    int? Seed = null);

/// <summary>How one numerical column was perturbed.</summary>
/// <param name="Column">The column.</param>
/// <param name="Min">Smallest numeric value (0 when there is none).</param>
/// <param name="Max">Largest numeric value (0 when there is none).</param>
/// <param name="Scale">Laplace scale b = (max − min)/ε; 0 means no noise (constant or no numeric cells).</param>
/// <param name="NoisedCells">Numeric cells that received noise.</param>
/// <param name="UnchangedCells">Missing or non-numeric cells, left as they were.</param>
public sealed record NumericalNoise(string Column, double Min, double Max, double Scale, int NoisedCells, int UnchangedCells);

/// <summary>How one categorical column was perturbed.</summary>
/// <param name="Column">The column.</param>
/// <param name="Categories">Distinct non-missing values the replacements are drawn from.</param>
/// <param name="ReplacedCells">Cells whose value was redrawn (the draw may return the same value).</param>
/// <param name="MissingCells">Missing cells, left missing.</param>
public sealed record CategoricalResponse(string Column, int Categories, int ReplacedCells, int MissingCells);

/// <summary>The perturbed table and what was done to each declared column.</summary>
public sealed record DifferentialPrivacyResult(
    AnonTable Table,
    IReadOnlyList<NumericalNoise> Numerical,
    IReadOnlyList<CategoricalResponse> Categorical,
    double Epsilon,
    double KeepProbability,
    int? Seed);

/// <summary>How local DP treats one column of the working copy.</summary>
/// <param name="Column">The column.</param>
/// <param name="Kind">"numerical", "categorical", or "unchanged" (quasi-identifiers and sensitive attributes).</param>
/// <param name="Declared">True when the form named it; false when typed automatically (numeric when every non-missing value parses as a number).</param>
public sealed record ColumnTyping(string Column, string Kind, bool Declared)
{
    public const string NumericalKind = "numerical";
    public const string CategoricalKind = "categorical";
    public const string UnchangedKind = "unchanged";
}

/// <summary>
/// Local DP recorded on the working copy: the columns' typing and, per perturbed column, its scale
/// or category count. Cells are perturbed when the working copy is read, so the cell counts are
/// those of the whole source column (before privacy processing removed rows).
/// </summary>
public sealed record DifferentialPrivacySummary(
    IReadOnlyList<ColumnTyping> Typing,
    IReadOnlyList<NumericalNoise> Numerical,
    IReadOnlyList<CategoricalResponse> Categorical,
    double Epsilon,
    double KeepProbability,
    int? Seed);

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// The privacy metrics of a table. Immutable; every number is a full-precision double
/// (or null where undefined), so it serializes to JSON as is.
/// </summary>
/// <param name="P29">The P29 score in [0, 1]; 0 whenever <paramref name="HasProblems"/>.</param>
/// <param name="HasProblems">Some class has k = 1, l = 0 for some attribute, or t &gt; 0.5 for some attribute.</param>
/// <param name="MinK">k-anonymity: the smallest class size (0 for an empty table).</param>
/// <param name="MinL">The smallest l over classes and attributes with a defined l; null when no attribute has one.</param>
/// <param name="MaxT">The largest t over classes and attributes.</param>
/// <param name="MeanL">Mean l over classes and attributes with a defined l (0 when none has one).</param>
/// <param name="MeanNormalizedT">Mean t, min-max normalised per attribute, over classes and attributes.</param>
/// <param name="Reasons">One sentence per kind of problem; empty when there is none.</param>
/// <param name="Notes">Remarks that are not problems, e.g. an attribute whose l is undefined.</param>
/// <param name="ProblemClassCount">Number of classes with at least one problem.</param>
/// <param name="ProblemClasses">The first problematic classes (at most <see cref="PrivacyScorer.ListedProblemClasses"/>), in class order.</param>
/// <param name="ClassCount">Number of equivalence classes.</param>
/// <param name="RowCount">Number of rows.</param>
/// <param name="QuasiIdentifiers">The quasi-identifiers the classes were formed by.</param>
/// <param name="SensitiveAttributes">The sensitive attributes, in the order given.</param>
/// <param name="Attributes">Per sensitive attribute, in the same order.</param>
public sealed record PrivacyReport(
    double P29,
    bool HasProblems,
    int MinK,
    double? MinL,
    double MaxT,
    double MeanL,
    double MeanNormalizedT,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Notes,
    int ProblemClassCount,
    IReadOnlyList<ProblemClass> ProblemClasses,
    int ClassCount,
    int RowCount,
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<string> SensitiveAttributes,
    IReadOnlyList<SensitiveAttributeSummary> Attributes)
{
    /// <summary>How many classes (and rows) have each size, binned for a histogram (see <see cref="ClassSizeHistogram"/>).</summary>
    public IReadOnlyList<ClassSizeBin> ClassSizes { get; init; } = [];
}

/// <summary>A class with at least one problem.</summary>
/// <param name="Description">Its quasi-identifier values, "col: value, col: value" (missing shows as empty).</param>
/// <param name="K">Its size.</param>
/// <param name="Issues">Short statements such as "k = 1", "l = 0 for smoker", "t = 0.625 for diagnosis".</param>
public sealed record ProblemClass(string Description, int K, IReadOnlyList<string> Issues);

/// <summary>The metrics of one sensitive attribute over all classes.</summary>
/// <param name="Name">The column.</param>
/// <param name="DistinctValues">Distinct values in the whole table, missing counted as one.</param>
/// <param name="IsNumeric">Every non-missing value parses as a number. Informative only: l and t treat values as categories.</param>
/// <param name="LDefined">False when the attribute has at most one distinct value.</param>
/// <param name="MinL">Smallest l over classes (null when undefined).</param>
/// <param name="MeanL">Mean l over classes (null when undefined).</param>
/// <param name="MinT">Smallest t over classes.</param>
/// <param name="MaxT">Largest t over classes.</param>
/// <param name="MeanT">Mean t over classes (not normalised).</param>
/// <param name="ClassesWithLZero">Classes whose rows all share one value of the attribute.</param>
/// <param name="ClassesWithTAboveHalf">Classes with t &gt; 0.5.</param>
public sealed record SensitiveAttributeSummary(
    string Name,
    int DistinctValues,
    bool IsNumeric,
    bool LDefined,
    double? MinL,
    double? MeanL,
    double MinT,
    double MaxT,
    double MeanT,
    int ClassesWithLZero,
    int ClassesWithTAboveHalf);

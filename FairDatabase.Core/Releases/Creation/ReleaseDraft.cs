using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Releases.Risk;

namespace FairDatabase.Core.Releases.Creation;

/// <summary>What the release form shows before anything is committed.</summary>
/// <param name="Assessment">The risk figures; null when the dataset cannot be released (see <see cref="Problem"/>).</param>
/// <param name="Problem">Why the dataset cannot be released (a raw upload), with the field it concerns.</param>
public sealed record ReleaseDraft(DatasetSummary Dataset, RiskAssessment? Assessment, ReleaseValidationException? Problem, double Threshold);

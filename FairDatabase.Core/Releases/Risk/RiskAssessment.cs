using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Releases.Lineage;

namespace FairDatabase.Core.Releases.Risk;

/// <summary>The figures a release would carry, computed before it is created.</summary>
/// <param name="PopulationNote">Why the release stood in for the population; null when the source was used.</param>
/// <param name="SourceDatasetName">The source dataset's name when it could be read, else null.</param>
public sealed record RiskAssessment(RiskFigures Risk, PrivacyReport? P29, DatasetLineage Lineage, string? PopulationNote, string? SourceDatasetName);

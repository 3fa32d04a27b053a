using System.Text.Json.Serialization;

namespace FairDatabase.Core.Explore.Diversity;

/// <summary>What the diversity page asks for; the metric is checked by the service.</summary>
public sealed record DiversityRequest(string Metric, double Pseudocount, IReadOnlyList<string> Exclude, string? Group)
{
    public const string BrayCurtis = "bray_curtis";
    public const string Aitchison = "aitchison";
    public static readonly IReadOnlyList<string> Metrics = [BrayCurtis, Aitchison];
}

public sealed record AlphaSeries(
    [property: JsonPropertyName("observed")] int[] Observed,
    [property: JsonPropertyName("shannon")] double[] Shannon,
    [property: JsonPropertyName("simpson")] double[] Simpson);

/// <summary>Coordinates are for the samples listed in <c>samples</c> (all of them unless a subset was ordinated).</summary>
public sealed record PcoaSeries(
    [property: JsonPropertyName("coordinates")] double[][] Coordinates,
    [property: JsonPropertyName("proportion_explained")] double[] ProportionExplained,
    [property: JsonPropertyName("samples")] int[] Samples,
    [property: JsonPropertyName("subset")] bool Subset);

public sealed record GroupAbundance(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("mean_relative_abundance")] double[] MeanRelativeAbundance);

public sealed record TopFeatures(
    [property: JsonPropertyName("features")] string[] Features,
    [property: JsonPropertyName("groups")] GroupAbundance[] Groups);

/// <summary>
/// diversity.json: samples (ids, in table order, zero-sum ones left out), the group of each,
/// alpha diversity per sample, the PCoA and the excluded sample ids; plus what was computed on.
/// </summary>
public sealed record DiversityResult(
    [property: JsonPropertyName("samples")] string[] Samples,
    [property: JsonPropertyName("group")] string[]? Group,
    [property: JsonPropertyName("alpha")] AlphaSeries Alpha,
    [property: JsonPropertyName("pcoa")] PcoaSeries Pcoa,
    [property: JsonPropertyName("excluded_samples")] string[] ExcludedSamples,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("pseudocount")] double Pseudocount,
    [property: JsonPropertyName("group_column")] string? GroupColumn,
    [property: JsonPropertyName("feature_count")] int FeatureCount,
    [property: JsonPropertyName("top_features")] TopFeatures TopFeatures,
    [property: JsonPropertyName("note")] string? Note);

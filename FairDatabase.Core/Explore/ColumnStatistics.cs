using System.Text.Json.Serialization;

namespace FairDatabase.Core.Explore;

/// <summary>Equal-width bins: edges has one more entry than counts; the last bin includes its right edge.</summary>
public sealed record Histogram(
    [property: JsonPropertyName("edges")] double[] Edges,
    [property: JsonPropertyName("counts")] long[] Counts);

public sealed record TopValue(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("count")] long Count);

/// <summary>
/// One column's statistics as <c>columns.json</c> serves them. Missing is the share (0–1) of
/// missing cells; numeric columns have min, max, mean, median and a histogram, categorical ones
/// their most frequent values; distinct counts non-missing values.
/// </summary>
public sealed record ColumnStatistics(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("original_name")] string OriginalName,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("missing")] double Missing,
    [property: JsonPropertyName("distinct")] long Distinct,
    [property: JsonPropertyName("min")] double? Min,
    [property: JsonPropertyName("max")] double? Max,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("median")] double? Median,
    [property: JsonPropertyName("histogram")] Histogram? Histogram,
    [property: JsonPropertyName("top")] IReadOnlyList<TopValue> Top)
{
    public const string Numeric = "numeric";
    public const string Categorical = "categorical";
    public const string Empty = "empty";

    [JsonIgnore] public bool IsNumeric => Type == Numeric;
}

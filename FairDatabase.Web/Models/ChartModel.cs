using System.Text.Json;

namespace FairDatabase.Web.Models;

/// <summary>One data series of a chart.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> Values);

/// <summary>
/// A bar chart drawn by wwwroot/js/charts.js (chart.js) from the canvas's data-chart attribute, so
/// the page carries no inline script; partial _Chart also renders the numbers as a table for
/// readers without JavaScript.
/// </summary>
public sealed record ChartModel(string Id, string Title, string XLabel, string YLabel, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(new
    {
        title = Title,
        xLabel = XLabel,
        yLabel = YLabel,
        labels = Labels,
        series = Series.Select(s => new { label = s.Label, values = s.Values }),
    }, Json);
}

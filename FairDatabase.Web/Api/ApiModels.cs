using System.Text.Json;
using System.Text.Json.Serialization;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Datasets.Formats;

namespace FairDatabase.Web.Api;

/// <summary>The API's JSON: snake_case names and enums as lower-case words, as R and Python scripts expect.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }
}

/// <summary>A dataset the caller owns or was given read access to.</summary>
/// <param name="Name">The display name (the uploaded file's name without extension, or the name given).</param>
/// <param name="Columns">Columns of the uploaded table, the id column included.</param>
/// <param name="Tables">Chunk tables holding it (at most 1,200 columns each).</param>
/// <param name="Owned">False for a dataset shared with the caller (read-only).</param>
/// <param name="OwnerEmail">Who shared it; null for the caller's own.</param>
/// <param name="Format">How the upload was read; null for datasets stored before this was kept.</param>
/// <param name="DataUrl">Where its rows are, as one CSV with the uploaded header.</param>
public sealed record ApiDataset(Guid Id, string Name, string FileName, string? Description, string? Origin, long Rows, int Columns,
    int Tables, DateTimeOffset Created, bool Owned, string? OwnerEmail, DetectedFormat? Format, string DataUrl)
{
    public static ApiDataset From(DatasetSummary d) => new(d.Id, d.DisplayName, d.FileName, d.Description, d.Origin, d.Rows, d.Columns,
        d.Tables, d.Created, d.Owned, d.OwnerEmail, d.Format, $"/api/v1/datasets/{d.Id}/data.csv");
}

/// <summary>One page of the caller's own datasets (newest first) and every dataset shared with the caller.</summary>
public sealed record ApiDatasetList(int Page, int PageSize, int PageCount, int Total, IReadOnlyList<ApiDataset> Datasets, IReadOnlyList<ApiDataset> Shared);

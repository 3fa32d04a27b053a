using System.Text.Json;
using FairDatabase.Core.Anonymization;

namespace FairDatabase.Core.Releases.Storage;

/// <summary>How a release's structured parts are kept as jsonb (full-precision numbers, names as in C#).</summary>
internal static class ReleaseJsonColumns
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"A stored release holds no {typeof(T).Name}.");
}

#pragma warning disable IDE1006 // Dapper maps columns to these names.
internal sealed class ReleaseRow
{
    public Guid id { get; set; }
    public Guid user_id { get; set; }
    public Guid dataset_id { get; set; }
    public string dataset_name { get; set; } = "";
    public Guid? source_dataset_id { get; set; }
    public string? source_dataset_name { get; set; }
    public string recipe { get; set; } = "{}";
    public string title { get; set; } = "";
    public string description { get; set; } = "";
    public string[] creators { get; set; } = [];
    public string license { get; set; } = "";
    public string[] keywords { get; set; } = [];
    public string visibility { get; set; } = "private";
    public string fields { get; set; } = "[]";
    public long row_count { get; set; }
    public long data_bytes { get; set; }
    public string data_sha256 { get; set; } = "";
    public string risk { get; set; } = "{}";
    public string? p29 { get; set; }
    public DateTime created_at { get; set; }

    public const string Columns =
        "id, user_id, dataset_id, dataset_name, source_dataset_id, source_dataset_name, recipe::text AS recipe, title, description, creators, license, keywords, visibility, fields::text AS fields, row_count, data_bytes, data_sha256, risk::text AS risk, p29::text AS p29, created_at";

    public Release ToRelease() => new(id, user_id, title, description, creators, license, keywords,
        visibility == "public" ? ReleaseVisibility.Public : ReleaseVisibility.Private,
        new DateTimeOffset(DateTime.SpecifyKind(created_at, DateTimeKind.Utc)),
        ReleaseJsonColumns.Read<List<ReleaseField>>(fields), row_count, data_bytes, data_sha256,
        ReleaseJsonColumns.Read<RiskFigures>(risk), p29 is null ? null : ReleaseJsonColumns.Read<PrivacyReport>(p29),
        new ReleaseLineage(dataset_id, dataset_name, source_dataset_id, source_dataset_name, recipe));
}
#pragma warning restore IDE1006

using System.Text.Json;
using System.Text.Json.Serialization;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>How an upload was read, shown after the upload and kept with the dataset (fairdb.datasets.source_format).</summary>
/// <param name="Kind">What the file is: "delimited text", "biom-tool table", "BIOM 1.0 (JSON)", "BIOM 2.1 (HDF5)", "QIIME 2 feature table".</param>
/// <param name="Delimiter">The field separator's name for delimited text ("comma", "tab"…); null for BIOM.</param>
/// <param name="Encoding">"utf-8", "utf-16", "windows-1252" or "iso-8859-1".</param>
/// <param name="EncodingFallback">The file was not UTF-8 and was read as Windows-1252 (the dashboard says so).</param>
/// <param name="Orientation">The form's choice: "auto", "rows" or "columns".</param>
/// <param name="Transposed">Samples were columns in the file and became rows.</param>
public sealed record DetectedFormat(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("delimiter")] string? Delimiter,
    [property: JsonPropertyName("encoding")] string Encoding,
    [property: JsonPropertyName("encoding_fallback")] bool EncodingFallback,
    [property: JsonPropertyName("orientation")] string Orientation,
    [property: JsonPropertyName("transposed")] bool Transposed)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static DetectedFormat? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<DetectedFormat>(json);

    public static string DelimiterName(char separator) => separator switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe (|)",
        _ => $"U+{(int)separator:X4}",
    };

    /// <summary>One sentence for the page.</summary>
    public string Describe() =>
        $"Read as {Kind}" + (Delimiter is null ? "" : $", {Delimiter}-separated") + $", encoding {Encoding}"
        + (EncodingFallback ? " (the file was not UTF-8, so it was read as Windows-1252, what Excel writes on Windows; check accented letters)" : "")
        + $"; orientation {Orientation}, " + (Transposed ? "transposed so that each row is a sample." : "stored with rows as in the file.");
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace FairDatabase.Core.Releases.Exports;

/// <summary>
/// The one JSON setup of every release export. Letters of any script are written as they are,
/// but &lt;, &gt;, &amp;, quotes and + are escaped, so the same text is safe inside an HTML
/// &lt;script&gt; element (the landing page's JSON-LD) and byte-identical wherever it is served.
/// Doubles are written in their shortest round-trip form, i.e. at full precision.
/// </summary>
public static class ReleaseJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    private static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = Encoder };

    /// <summary>For turning records (risk figures, the P29 report) into JSON: camelCase names.</summary>
    public static readonly JsonSerializerOptions Serializer = new(JsonSerializerDefaults.Web)
    {
        Encoder = Encoder,
        // A figure that is not a number is written as the string "NaN" rather than failing a download.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] ToUtf8(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer)) node.WriteTo(writer);
        return buffer.ToArray();
    }

    /// <summary>A share or count; null when it is not a finite number (JSON has no NaN or infinity).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonObject Ref(string id) => new() { ["@id"] = id };
}

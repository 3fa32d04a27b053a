using System.Reflection;
using NJsonSchema;

namespace FairDatabase.Tests.Releases.Exports;

/// <summary>The JSON Schemas in Releases/Schemas (embedded in the test assembly) and a validator over them.</summary>
internal static class SchemaValidation
{
    public static readonly Lazy<JsonSchema> DataPackage = new(() => Load("tabular-data-package.schema.json"));
    public static readonly Lazy<JsonSchema> DataCite = new(() => Load("datacite-4.schema.json"));

    /// <summary>The validator's complaints, as "path: kind" lines; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Errors(Lazy<JsonSchema> schema, string json) =>
        [.. schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}")];

    private static JsonSchema Load(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}

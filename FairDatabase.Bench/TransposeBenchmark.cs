using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Formats;

namespace FairDatabase.Bench;

/// <summary>
/// Times turning a feature table (features as rows, default 10,000 × 1,000 samples) into one
/// row per sample, as an upload does before loading: a dense BIOM 1.0 JSON file, or a biom-tool
/// TSV. The file is written first (streamed, untimed); the timed part is the whole preparation
/// (staging, parsing, transposing, writing the converted table and checking it). Prints the
/// time and the process's peak RSS.
/// </summary>
internal static class TransposeBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var format = Arg(args, "--format") ?? "json";
        var features = int.Parse(Arg(args, "--features") ?? "10000", CultureInfo.InvariantCulture);
        var samples = int.Parse(Arg(args, "--samples") ?? "1000", CultureInfo.InvariantCulture);
        if (format is not ("json" or "tsv") || features < 1 || samples < 1)
        {
            Console.Error.WriteLine("usage: transpose --format json|tsv [--features N] [--samples N]");
            return 2;
        }
        var path = Path.Combine(Path.GetTempPath(), $"fairdb-transpose-{Guid.NewGuid():N}.{(format == "json" ? "biom" : "tsv")}");
        try
        {
            await using (var file = File.Create(path)) Write(file, format, features, samples);
            Console.WriteLine($"transpose benchmark: {format}, {features:N0} features × {samples:N0} samples, file {new FileInfo(path).Length / 1048576.0:F1} MB");
            GC.Collect();

            var options = new UploadOptions { MaxFileSizeBytes = long.MaxValue, MaxColumns = features + 1 };
            var watch = Stopwatch.StartNew();
            await using (var body = File.OpenRead(path))
            await using (var prepared = await UploadPreparation.PrepareAsync(body, format == "json" ? UploadKind.Biom : UploadKind.TabSeparated,
                new UploadRequest(Path.GetFileName(path)), options, CancellationToken.None))
            {
                watch.Stop();
                Console.WriteLine($"prepared: {prepared.Layout.Rows:N0} rows × {prepared.Layout.Header.Count:N0} columns, transposed {prepared.Detected.Transposed}");
            }
            Console.WriteLine($"transpose time: {watch.Elapsed.TotalSeconds:F2} s");
            Console.WriteLine($"peak RSS (VmHWM): {PrivacyBenchmark.PeakResidentMegabytes()}");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Deterministic counts, mostly zeros as in real feature tables.</summary>
    private static int Count(int feature, int sample) => ((feature * 7919) + (sample * 104729)) % 13 is var r && r < 9 ? 0 : r * (feature % 50 + 1);

    private static void Write(Stream stream, string format, int features, int samples)
    {
        if (format == "tsv")
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            text.Write("# Constructed from biom file\n#OTU ID");
            for (var s = 0; s < samples; s++) text.Write($"\tS{s}");
            text.Write('\n');
            for (var f = 0; f < features; f++)
            {
                text.Write($"OTU{f}");
                for (var s = 0; s < samples; s++) { text.Write('\t'); text.Write(Count(f, s)); }
                text.Write('\n');
            }
            return;
        }
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("id", "transpose benchmark");
        json.WriteString("format", "Biological Observation Matrix 1.0.0");
        json.WriteString("type", "OTU table");
        json.WriteString("matrix_type", "dense");
        json.WriteString("matrix_element_type", "int");
        json.WriteStartArray("shape"); json.WriteNumberValue(features); json.WriteNumberValue(samples); json.WriteEndArray();
        json.WriteStartArray("rows");
        for (var f = 0; f < features; f++)
        {
            json.WriteStartObject(); json.WriteString("id", $"OTU{f}");
            json.WriteStartObject("metadata"); json.WriteStartArray("taxonomy"); json.WriteStringValue("k__Bacteria"); json.WriteStringValue($"g__Genus{f % 300}"); json.WriteEndArray(); json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("columns");
        for (var s = 0; s < samples; s++) { json.WriteStartObject(); json.WriteString("id", $"S{s}"); json.WriteNull("metadata"); json.WriteEndObject(); }
        json.WriteEndArray();
        json.WriteStartArray("data");
        for (var f = 0; f < features; f++)
        {
            json.WriteStartArray();
            for (var s = 0; s < samples; s++) json.WriteNumberValue(Count(f, s));
            json.WriteEndArray();
            if ((f & 255) == 0) json.Flush();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

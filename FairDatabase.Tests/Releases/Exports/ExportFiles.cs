using System.Text;
using System.Text.Json.Nodes;
using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

/// <summary>A release's exports parsed back, and its ZIP written to memory.</summary>
internal sealed record ExportFiles(ReleaseFiles Files, JsonObject DataPackage, JsonObject DataCite, JsonObject RoCrate, JsonObject Report, JsonObject JsonLd)
{
    public static ExportFiles Of(Release release)
    {
        var files = ReleaseFiles.Build(release, SampleReleases.Links);
        JsonObject Parse(string name) => JsonNode.Parse(files.Find(name)!)!.AsObject();
        return new ExportFiles(files, Parse(ReleaseLinks.DataPackage), Parse(ReleaseLinks.DataCite), Parse(ReleaseLinks.RoCrate),
            Parse(ReleaseLinks.PrivacyReport), JsonNode.Parse(ReleaseFiles.JsonLd(release, SampleReleases.Links))!.AsObject());
    }

    public static string Text(ReleaseFiles files, string name) => Encoding.UTF8.GetString(files.Find(name)!);

    /// <summary>The ZIP as the download would send it, data.csv coming from <paramref name="data"/>.</summary>
    public static async Task<byte[]> ZipAsync(Release release, ReleaseFiles files, byte[] data)
    {
        using var output = new MemoryStream();
        await ReleaseZip.WriteAsync(release, files, async entry =>
        {
            // In uneven pieces, as a database copy would deliver them.
            for (var at = 0; at < data.Length; at += 7) await entry.WriteAsync(data.AsMemory(at, Math.Min(7, data.Length - at)));
            return true;
        }, output, CancellationToken.None);
        return output.ToArray();
    }

    /// <summary>The value at a dotted path of privacy-report.json ("risk.marketer").</summary>
    public double ReportFigure(string id)
    {
        JsonNode? node = Report;
        foreach (var part in id.Split('.')) node = node![part];
        return node!.GetValue<double>();
    }
}

using System.Text.Json.Nodes;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

/// <summary>RO-Crate 1.1 publishes no JSON Schema; these check the structure its specification requires.</summary>
public sealed class RoCrateExportTests
{
    private static Dictionary<string, JsonObject> Graph(JsonObject crate) =>
        crate["@graph"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["@id"]!);

    [Fact]
    public void The_crate_has_the_1_1_context_and_a_metadata_descriptor_about_the_root()
    {
        var crate = ExportFiles.Of(SampleReleases.Gut()).RoCrate;
        var descriptor = Graph(crate)["ro-crate-metadata.json"];

        Assert.Equal("https://w3id.org/ro/crate/1.1/context", (string?)crate["@context"]);
        Assert.Equal("CreativeWork", (string?)descriptor["@type"]);
        Assert.Equal("https://w3id.org/ro/crate/1.1", (string?)descriptor["conformsTo"]!["@id"]);
        Assert.Equal("./", (string?)descriptor["about"]!["@id"]);
    }

    [Fact]
    public void The_root_dataset_has_the_required_properties_and_every_reference_resolves()
    {
        var graph = Graph(ExportFiles.Of(SampleReleases.Gut()).RoCrate);
        var root = graph["./"];

        Assert.Equal("Dataset", (string?)root["@type"]);
        foreach (var property in new[] { "name", "description", "datePublished", "license" }) Assert.NotNull(root[property]);
        Assert.True(DateTimeOffset.TryParse((string?)root["datePublished"], out _));
        Assert.Equal("https://spdx.org/licenses/CC-BY-4.0", (string?)root["license"]!["@id"]);
        var references = new[] { "hasPart", "author", "additionalProperty" }
            .SelectMany(p => root[p]!.AsArray().Select(r => (string)r!["@id"]!)).Append((string)root["license"]!["@id"]!);
        Assert.All(references, id => Assert.True(graph.ContainsKey(id), $"{id} is referenced but has no entity"));
        Assert.Equal(["data.csv", "datapackage.json", "datacite.json", "privacy-report.json"], root["hasPart"]!.AsArray().Select(r => (string?)r!["@id"]));
    }

    [Fact]
    public void Files_state_their_true_sizes_and_authors_are_people_or_organizations()
    {
        var release = SampleReleases.Gut();
        var exports = ExportFiles.Of(release);
        var graph = Graph(exports.RoCrate);

        Assert.Equal(release.DataBytes.ToString(), (string?)graph["data.csv"]["contentSize"]);
        Assert.Equal(release.DataSha256, (string?)graph["data.csv"]["sha256"]);
        foreach (var name in new[] { "datapackage.json", "datacite.json", "privacy-report.json" })
        {
            Assert.Equal("File", (string?)graph[name]["@type"]);
            Assert.Equal(exports.Files.Find(name)!.Length.ToString(), (string?)graph[name]["contentSize"]);
        }
        Assert.Equal(["Person", "Person", "Organization"],
            graph["./"]["author"]!.AsArray().Select(a => (string?)graph[(string)a!["@id"]!]["@type"]));
    }
}

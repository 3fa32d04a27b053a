using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

public sealed class DataPackageExportTests
{
    [Fact]
    public void Datapackage_json_is_a_valid_tabular_data_package()
    {
        var files = ReleaseFiles.Build(SampleReleases.Gut(), SampleReleases.Links);

        Assert.Empty(SchemaValidation.Errors(SchemaValidation.DataPackage, ExportFiles.Text(files, ReleaseLinks.DataPackage)));
    }

    [Fact]
    public void The_schema_refuses_packages_that_break_the_specification()
    {
        var package = ExportFiles.Of(SampleReleases.Gut()).DataPackage;
        string With(Action<JsonObject> change)
        {
            var copy = package.DeepClone().AsObject();
            change(copy);
            return copy.ToJsonString();
        }
        JsonObject Resource(JsonObject p) => p["resources"]![0]!.AsObject();

        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => p.Remove("resources"))));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => p["name"] = "Upper Case")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => Resource(p)["hash"] = "sha256:not-hex")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => Resource(p)["path"] = "../data.csv")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => Resource(p)["bytes"] = -1)));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => Resource(p)["schema"]!["fields"]![0]!["type"] = "text")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataPackage, With(p => Resource(p).Remove("schema"))));
    }

    [Fact]
    public void The_resource_states_data_csv_size_hash_format_and_field_types()
    {
        var release = SampleReleases.Gut();
        var resource = ExportFiles.Of(release).DataPackage["resources"]![0]!;
        var bytes = Encoding.UTF8.GetBytes(SampleReleases.DataCsv);

        Assert.Equal("data.csv", (string?)resource["path"]);
        Assert.Equal(bytes.Length, (long)resource["bytes"]!);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), (string?)resource["hash"]);
        Assert.Equal("csv", (string?)resource["format"]);
        Assert.Equal("text/csv", (string?)resource["mediatype"]);
        Assert.Equal(["sample_id:string", "age:string", "sex:string", "bmi:number", "Bacteroides:integer"],
            resource["schema"]!["fields"]!.AsArray().Select(f => $"{f!["name"]}:{f["type"]}"));
    }

    [Fact]
    public void Licence_and_name_follow_the_release()
    {
        var package = ExportFiles.Of(SampleReleases.Gut()).DataPackage;

        Assert.Equal("release-0d3b5a3e-5b1e-4d7b-9a55-2f0c6a1d7e42", (string?)package["name"]);
        Assert.Equal("CC-BY-4.0", (string?)package["licenses"]![0]!["name"]);
        Assert.Equal("https://spdx.org/licenses/CC-BY-4.0", (string?)package["licenses"]![0]!["path"]);
        Assert.Equal("Gut microbiome, anonymized", (string?)package["title"]);
    }
}

using System.Text.Json.Nodes;
using FairDatabase.Core.Releases.Exports;

namespace FairDatabase.Tests.Releases.Exports;

public sealed class DataCiteExportTests
{
    [Fact]
    public void Datacite_json_is_valid_datacite_4_metadata()
    {
        var files = ReleaseFiles.Build(SampleReleases.Gut(), SampleReleases.Links);

        Assert.Empty(SchemaValidation.Errors(SchemaValidation.DataCite, ExportFiles.Text(files, ReleaseLinks.DataCite)));
    }

    [Fact]
    public void The_schema_refuses_records_that_break_the_specification()
    {
        var record = ExportFiles.Of(SampleReleases.Gut()).DataCite;
        string With(Action<JsonObject> change)
        {
            var copy = record.DeepClone().AsObject();
            change(copy);
            return copy.ToJsonString();
        }

        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataCite, With(r => r.Remove("publisher"))));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataCite, With(r => r["types"]!["resourceTypeGeneral"] = "Spreadsheet")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataCite, With(r => r["titles"] = new JsonArray())));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataCite, With(r => r["publicationYear"] = "26")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataCite, With(r => r["descriptions"]![0]!["descriptionType"] = "Summary")));
        Assert.NotEmpty(SchemaValidation.Errors(SchemaValidation.DataCite, With(r => r["creators"]![2]!["givenName"] = "Radboud")));
    }

    [Fact]
    public void Creators_are_people_or_organizations()
    {
        var creators = ExportFiles.Of(SampleReleases.Gut()).DataCite["creators"]!.AsArray();

        Assert.Equal(["Lovelace, Ada|Personal|Ada|Lovelace", "Hopper, Grace|Personal|Grace|Hopper", "Radboud University Medical Center|Organizational||"],
            creators.Select(c => $"{c!["name"]}|{c["nameType"]}|{c["givenName"]}|{c["familyName"]}"));
    }

    [Fact]
    public void Rights_types_year_and_subjects_follow_the_release()
    {
        var record = ExportFiles.Of(SampleReleases.Gut()).DataCite;
        var rights = record["rightsList"]![0]!;

        Assert.Equal("Dataset", (string?)record["types"]!["resourceTypeGeneral"]);
        Assert.Equal(2026, (int)record["publicationYear"]!);
        Assert.Equal("CC-BY-4.0", (string?)rights["rightsIdentifier"]);
        Assert.Equal("SPDX", (string?)rights["rightsIdentifierScheme"]);
        Assert.Equal("https://spdx.org/licenses/CC-BY-4.0", (string?)rights["rightsUri"]);
        Assert.Equal(["microbiome", "gut", "anonymized"], record["subjects"]!.AsArray().Select(s => (string?)s!["subject"]));
        Assert.Equal(SampleReleases.Links.LandingPage.AbsoluteUri, (string?)record["identifiers"]![0]!["identifier"]);
        Assert.Contains($"{SampleReleases.Gut().DataBytes} bytes", record["sizes"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void A_note_says_what_population_the_journalist_and_marketer_risks_refer_to()
    {
        string Note(FairDatabase.Core.Releases.Release r) => (string)ExportFiles.Of(r).DataCite["descriptions"]!.AsArray()
            .Single(d => (string?)d!["descriptionType"] == "Other")!["description"]!;
        var release = SampleReleases.Gut();

        Assert.Contains("population of 7 rows", Note(release), StringComparison.Ordinal);
        Assert.Contains("the release itself stood in", Note(release with { Risk = release.Risk with { PopulationIsRelease = true } }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_methods_description_carries_the_recipe_without_its_seeds()
    {
        var descriptions = ExportFiles.Of(SampleReleases.Gut()).DataCite["descriptions"]!.AsArray();
        var methods = (string)descriptions.Single(d => (string?)d!["descriptionType"] == "Methods")!["description"]!;

        Assert.Contains("\"epsilon\":1.5", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("4242", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", methods, StringComparison.OrdinalIgnoreCase);
    }
}

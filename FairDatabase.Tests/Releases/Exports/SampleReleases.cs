using System.Security.Cryptography;
using System.Text;
using FairDatabase.Core.Anonymization;
using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Exports;
using FairDatabase.Tests.Anonymization;

namespace FairDatabase.Tests.Releases.Exports;

/// <summary>Releases built in memory for the export tests, with a data.csv whose size and hash are true.</summary>
internal static class SampleReleases
{
    public static readonly ReleaseLinks Links = ReleaseLinks.For(new Uri("https://data.example.org/"), Guid.Parse("0d3b5a3e-5b1e-4d7b-9a55-2f0c6a1d7e42"));

    public const string DataCsv = "sample_id,age,sex,bmi,Bacteroides\nS1,30-39,F,22.5,12\nS2,30-39,F,27.1,0\nS3,40-49,M,24,7\nS4,40-49,M,31.4,3\n";

    public static Release Gut(string? recipe = null, IReadOnlyList<string>? creators = null, string title = "Gut microbiome, anonymized")
    {
        var bytes = Encoding.UTF8.GetBytes(DataCsv);
        var table = Tables.Of("age|sex|bmi", "30-39|F|22.5", "30-39|F|27.1", "40-49|M|24", "40-49|M|31.4");
        var p29 = PrivacyScorer.Evaluate(table, ["age", "sex"], ["bmi"]);
        // Figures with long decimal expansions, so any rounding on the way would show.
        var risk = new RiskFigures(Rows: 4, Classes: 2, ProsecutorHighest: 0.5, ProsecutorAverage: 0.5, RecordsAtRisk: 1.0,
            JournalistHighest: 1.0 / 3, Marketer: 2.0 / 3, SampleUniques: 0, Threshold: 0.2, PopulationRows: 7,
            QuasiIdentifiers: ["age", "sex"], Drivers: [new RiskDriver("age", 0), new RiskDriver("sex", 0.1 + 0.2)]);
        return new Release(
            Id: Guid.Parse("0d3b5a3e-5b1e-4d7b-9a55-2f0c6a1d7e42"),
            OwnerId: Guid.NewGuid(),
            Title: title,
            Description: "Four samples of a gut microbiome study, generalized to 10-year age bands.",
            Creators: creators ?? ["Ada Lovelace", "Hopper, Grace", "Radboud University Medical Center"],
            License: "CC-BY-4.0",
            Keywords: ["microbiome", "gut", "anonymized"],
            Visibility: ReleaseVisibility.Public,
            CreatedAt: new DateTimeOffset(2026, 11, 23, 14, 5, 7, TimeSpan.Zero),
            Fields: [new("sample_id", "string"), new("age", "string"), new("sex", "string"), new("bmi", "number"), new("Bacteroides", "integer")],
            RowCount: 4,
            DataBytes: bytes.Length,
            DataSha256: Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Risk: risk,
            P29: p29,
            Lineage: new ReleaseLineage(Guid.NewGuid(), "gut_anonymized", Guid.NewGuid(), "gut_raw",
                recipe ?? """{"steps":[{"kind":"generalize","column":"age","width":10},{"kind":"dp","epsilon":1.5,"seed":4242,"params":{"noiseSeed":7}}]}"""));
    }
}

using System.Text;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.Formats.FormatImport;

namespace FairDatabase.Tests.Datasets.Formats;

/// <summary>Each bad input of the file formats: a message naming the problem and the way out, and nothing stored.</summary>
[Collection(AppCollection.Name)]
public sealed class FormatRejectionTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    public static TheoryData<string, string, byte[], string?, UploadProblem, string, string> BadFiles() => new()
    {
        { "biom neither json nor hdf5", "junk.biom", Encoding.UTF8.GetBytes("OTU\tS1\nA\t1\n"), null, UploadProblem.BadBiom,
            "neither BIOM 1.0 (JSON) nor BIOM 2.1 (HDF5)", "upload it as a tab-separated file" },
        { "biom json without columns", "half.biom", Encoding.UTF8.GetBytes("{\"rows\": [{\"id\": \"a\"}], \"data\": []}"), null, UploadProblem.BadBiom,
            "no \"rows\" or no \"columns\"", "Export the table again" },
        { "broken json", "broken.biom", Encoding.UTF8.GetBytes("{\"rows\": [}"), null, UploadProblem.BadBiom, "not valid JSON", "Export the table again" },
        { "qza of another type", "tree.qza", BiomFiles.Artifact("Phylogeny[Rooted]", null), null, UploadProblem.WrongArtifact,
            "holds a Phylogeny[Rooted], not a feature table", "Upload a FeatureTable[Frequency]" },
        { "qza that is no zip", "fake.qza", Encoding.UTF8.GetBytes("id,a\n1,2\n"), null, UploadProblem.WrongArtifact, "not a QIIME 2 artifact", "export it to .biom" },
        { "biom over the transpose bound", "big.biom", BiomFiles.Json(sparse: true), null, UploadProblem.TooLargeToTranspose,
            "3 × 3 = 9 cells", "orientation \"rows\"" },
        { "text over the transpose bound", "bigtext.csv", Encoding.UTF8.GetBytes("taxon,S1,S2\nA,1,2\nB,3,4\nC,5,6\n"), "columns", UploadProblem.TooLargeToTranspose,
            "4 × 3 = 12 cells", "Upload:MaxTransposeCells" },
        { "unknown orientation", "o.csv", Encoding.UTF8.GetBytes("id,a\n1,2\n"), "sideways", UploadProblem.BadOption, "Orientation must be", "\"columns\"" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_input_is_refused_with_the_problem_and_the_way_out_and_nothing_is_stored(string _, string fileName, byte[] content,
        string? orientation, UploadProblem problem, string names, string wayOut)
    {
        var user = await TestDatabase.CreateUserAsync();
        var options = new UploadOptions { MaxTransposeCells = 8 };

        var e = await Assert.ThrowsAsync<UploadValidationException>(() => ImportAsync(content, fileName, user, orientation, options: options));

        Assert.Equal(problem, e.Problem);
        Assert.Contains(names, e.Message, StringComparison.Ordinal);
        Assert.Contains(wayOut, e.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await ImportHelpers.LeftoversAsync(user, Path.GetFileNameWithoutExtension(fileName) + "_"));
    }

    [Fact]
    public async Task The_same_table_loads_within_the_transpose_bound()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(Encoding.UTF8.GetBytes("taxon,S1,S2\nA,1,2\nB,3,4\nC,5,6\n"), "small.csv", user, "columns",
            options: new UploadOptions { MaxTransposeCells = 12 });

        Assert.Equal([["S1", "1", "3", "5"], ["S2", "2", "4", "6"]], await RowsAsync(result, "S1", "S2"));
    }
}

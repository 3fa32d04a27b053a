using System.Text;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.Formats.FormatImport;

namespace FairDatabase.Tests.Datasets.Formats;

/// <summary>Every accepted kind of file, both orientations, against the real database.</summary>
[Collection(AppCollection.Name)]
public sealed class FileKindTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("gut.tsv", "id\ttaxon a\tnote\nS1\t3\ta,b\nS2\t4\tc;d\n", "tab")]
    [InlineData("gut.tab", "id\ttaxon a\tnote\nS1\t3\ta,b\nS2\t4\tc;d\n", "tab")]
    [InlineData("gut.txt", "id|taxon a|note\nS1|3|a,b\nS2|4|c;d\n", "pipe (|)")]
    [InlineData("gut.csv", "id;taxon a;note\nS1;3;a,b\nS2;4;c|d\n", "semicolon")]
    public async Task Delimited_kinds_load_with_their_separator(string fileName, string content, string delimiter)
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(U(content), fileName, user);
        var rows = await RowsAsync(result, "S1", "S2");

        Assert.Equal(["S1", "3", "a,b"], rows[0]);
        Assert.Equal("S2", rows[1][0]);
        Assert.Equal(["id", "taxon a", "note"], await OriginalHeaderAsync(result.DatasetId));
        Assert.Equal(delimiter, (await StoredFormatAsync(result.DatasetId))?.Delimiter);
    }

    private const string BiomToolTsv = "# Constructed from biom file\n#OTU ID\tS1\tS2\tS3\nOTU1\t1\t2\t3\nOTU2\t4\t5\t6\n";

    [Fact]
    public async Task A_biom_tool_table_is_transposed_in_auto_so_samples_become_rows()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(U(BiomToolTsv), "otus.tsv", user);
        var rows = await RowsAsync(result, "S1", "S2", "S3");
        var format = await StoredFormatAsync(result.DatasetId);

        Assert.Equal([["S1", "1", "4"], ["S2", "2", "5"], ["S3", "3", "6"]], rows);
        Assert.Equal(["sample_id", "OTU1", "OTU2"], await OriginalHeaderAsync(result.DatasetId));
        Assert.Equal((3L, 3), (result.Rows, result.Columns));
        Assert.Equal(("biom-tool table", "auto", true), (format?.Kind, format?.Orientation, format?.Transposed));
    }

    [Fact]
    public async Task Orientation_rows_keeps_a_biom_tool_table_as_it_is_and_skips_the_comment()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(U(BiomToolTsv), "otus.tsv", user, orientation: "rows");
        var rows = await RowsAsync(result, "OTU1", "OTU2");

        Assert.Equal([["OTU1", "1", "2", "3"], ["OTU2", "4", "5", "6"]], rows);
        Assert.Equal(["#OTU ID", "S1", "S2", "S3"], await OriginalHeaderAsync(result.DatasetId));
        Assert.False((await StoredFormatAsync(result.DatasetId))?.Transposed);
    }

    [Fact]
    public async Task Orientation_columns_transposes_a_plain_csv_keeping_quoted_values()
    {
        var user = await TestDatabase.CreateUserAsync();
        var csv = "taxon,P1,P2\nBacteroides,\"1,5\",2\n\"Faecali \"\"bacterium\"\"\",3,\n";
        var result = await ImportAsync(U(csv), "wide.csv", user, orientation: "columns");
        var rows = await RowsAsync(result, "P1", "P2");

        Assert.Equal(["sample_id", "Bacteroides", "Faecali \"bacterium\""], await OriginalHeaderAsync(result.DatasetId));
        Assert.Equal([["P1", "1,5", "3"], ["P2", "2", ""]], rows);
    }

    [Fact]
    public async Task A_qiime2_metadata_types_line_is_not_data()
    {
        var user = await TestDatabase.CreateUserAsync();
        var tsv = "#SampleID\tbody_site\tage\n#q2:types\tcategorical\tnumeric\nS1\tgut\t34\nS2\tskin\t51\n";
        var result = await ImportAsync(U(tsv), "sample-metadata.tsv", user);

        Assert.Equal(2, result.Rows);
        Assert.Equal([["S1", "gut", "34"], ["S2", "skin", "51"]], await RowsAsync(result, "S1", "S2"));
        Assert.Equal(["#SampleID", "body_site", "age"], await OriginalHeaderAsync(result.DatasetId));
    }

    public static TheoryData<string, byte[], string?, string> BiomKinds() => new()
    {
        { "sparse json", BiomFiles.Json(sparse: true), null, "BIOM 1.0 (JSON)" },
        { "dense json", BiomFiles.Json(sparse: false), "columns", "BIOM 1.0 (JSON)" },
        { "hdf5", BiomFiles.Hdf5(), "auto", "BIOM 2.1 (HDF5)" },
    };

    [Theory]
    [MemberData(nameof(BiomKinds))]
    public async Task Biom_tables_load_with_samples_as_rows_and_keep_the_taxonomy(string _, byte[] content, string? orientation, string kind)
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(content, "otu_table.biom", user, orientation);
        var metadata = await FeatureMetadataAsync(result.DatasetId);

        Assert.Equal([["S1", "10", "0", "7"], ["S2", "0", "5", "2.5"]], await RowsAsync(result, "S1", "S2"));
        Assert.Equal(["sample_id", "OTU1", "OTU2", "OTU3"], await OriginalHeaderAsync(result.DatasetId));
        Assert.Contains("p__Phylum2", metadata["OTU3"], StringComparison.Ordinal);
        Assert.Contains("k__Bacteria", metadata["OTU1"], StringComparison.Ordinal);
        Assert.Null(metadata["sample_id"]);
        Assert.Equal(kind, (await StoredFormatAsync(result.DatasetId))?.Kind);
    }

    [Fact]
    public async Task A_biom_table_with_orientation_rows_keeps_features_as_rows()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(BiomFiles.Hdf5(), "otu_table.biom", user, "rows");

        Assert.Equal([["OTU1", "10", "0"], ["OTU2", "0", "5"], ["OTU3", "7", "2.5"]], await RowsAsync(result, "OTU1", "OTU2", "OTU3"));
        Assert.Equal(["#OTU ID", "S1", "S2"], await OriginalHeaderAsync(result.DatasetId));
    }

    [Fact]
    public async Task A_qiime2_feature_table_artifact_loads_its_biom_table()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(BiomFiles.Artifact("FeatureTable[Frequency]", BiomFiles.Hdf5()), "table.qza", user);

        Assert.Equal("table", result.DisplayName);
        Assert.Equal([["S1", "10", "0", "7"], ["S2", "0", "5", "2.5"]], await RowsAsync(result, "S1", "S2"));
        Assert.StartsWith("QIIME 2 feature table", (await StoredFormatAsync(result.DatasetId))?.Kind, StringComparison.Ordinal);
    }
}

using System.Text;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.ImportHelpers;

namespace FairDatabase.Tests.Datasets;

[Collection(AppCollection.Name)]
public sealed class DatasetImportRejectionTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    public static TheoryData<string, string, byte[], UploadProblem, string, long[]> BadFiles()
    {
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        var manyRagged = "id,a,b\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"s{i},1\n"));
        return new()
        {
            { "not a table", "notes.pdf", U("id,a\n1,2\n"), UploadProblem.NotCsv, "cannot be uploaded: choose a table whose name ends in .csv, .tsv", [] },
            { "no name", ".csv", U("id,a\n1,2\n"), UploadProblem.NotCsv, "needs a name", [] },
            { "empty", "empty.csv", [], UploadProblem.Empty, "empty", [] },
            { "bom only", "bom.csv", [0xEF, 0xBB, 0xBF], UploadProblem.Empty, "empty", [] },
            { "blank lines", "blank.csv", U("\n\n\n"), UploadProblem.Empty, "empty", [] },
            { "header only", "header.csv", U("id,a,b\n"), UploadProblem.HeaderOnly, "no data rows", [] },
            { "one column", "single.csv", U("id\n1\n2\n"), UploadProblem.TooFewColumns, "at least one data column", [] },
            { "ragged", "ragged.csv", U("id,a,b\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n"), UploadProblem.RaggedRows, "lines 3, 5", [3, 5] },
            { "many ragged", "manyragged.csv", U(manyRagged), UploadProblem.RaggedRows, "and 5 more", Enumerable.Range(2, 20).Select(i => (long)i).ToArray() },
            { "nul", "nul.csv", U("id,a\n1,x\0y\n"), UploadProblem.NulCharacter, "NUL", [2] },
            { "empty ids", "ids.csv", U("id,a\n,1\n2,2\n  ,3\n"), UploadProblem.EmptyIds, "must not be empty: lines 2, 4", [2, 4] },
            { "unclosed quote", "quote.csv", U("id,a\n1,2\n3,\"abc\n4,5\n"), UploadProblem.MalformedQuoting, "never closed (unterminated quote) on line 3", [3] },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_input_is_refused_with_its_message_and_leaves_nothing(string _, string fileName, byte[] content, UploadProblem problem, string message, long[] lines)
    {
        var user = await TestDatabase.CreateUserAsync();

        var e = await Assert.ThrowsAsync<UploadValidationException>(() => ImportAsync(content, fileName, user));

        Assert.Equal(problem, e.Problem);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(lines, e.Lines);
        Assert.Equal((0L, 0L, 0L), await LeftoversAsync(user, Path.GetFileNameWithoutExtension(fileName) + "_"));
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_refused_while_streaming()
    {
        var user = await TestDatabase.CreateUserAsync();
        var e = await Assert.ThrowsAsync<UploadValidationException>(() =>
            ImportAsync("id,a\n1,2\n3,4\n", "big.csv", user, new UploadOptions { MaxFileSizeBytes = 8 }));

        Assert.Equal(UploadProblem.TooLarge, e.Problem);
        Assert.Contains("larger than the limit of 8 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), await LeftoversAsync(user, "big_"));
    }

    [Fact]
    public async Task A_seekable_body_over_the_size_limit_is_refused_before_reading_and_left_open()
    {
        var user = await TestDatabase.CreateUserAsync();
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("id,a\n1,2\n3,4\n"));
        var importer = Importer(new UploadOptions { MaxFileSizeBytes = 8 });

        var e = await Assert.ThrowsAsync<UploadValidationException>(() => importer.ImportAsync(body, new UploadRequest("seekbig.csv"), user, CancellationToken.None));

        Assert.Equal(UploadProblem.TooLarge, e.Problem);
        Assert.True(body.CanRead);
        Assert.Equal(0, body.Position);
        Assert.Equal((0L, 0L, 0L), await LeftoversAsync(user, "seekbig_"));
    }

    [Fact]
    public async Task A_seekable_body_is_read_from_its_current_position()
    {
        var user = await TestDatabase.CreateUserAsync();
        var prefix = "ignored preamble\n"u8.ToArray();
        using var body = new MemoryStream([.. prefix, .. System.Text.Encoding.UTF8.GetBytes("id,a\n1,x\n2,y\n")]);
        body.Position = prefix.Length;

        var result = await Importer().ImportAsync(body, new UploadRequest("seek.csv"), user, CancellationToken.None);

        Assert.Equal(["x", "y"], (await ReadTableAsync(result.Tables[0])).Select(r => r[1]));
        Assert.True(body.CanRead);
    }

    [Fact]
    public async Task Files_over_the_column_limit_are_refused()
    {
        var user = await TestDatabase.CreateUserAsync();
        var e = await Assert.ThrowsAsync<UploadValidationException>(() =>
            ImportAsync("id,a,b,c\n1,2,3,4\n", "cols.csv", user, new UploadOptions { MaxColumns = 3 }));

        Assert.Equal(UploadProblem.TooManyColumns, e.Problem);
        Assert.Equal("The file has 4 columns; at most 3 are allowed.", e.Message);
        Assert.Equal((0L, 0L, 0L), await LeftoversAsync(user, "cols_"));
    }

    [Fact]
    public async Task The_staged_file_is_removed_after_success_and_after_refusal()
    {
        var folder = Directory.CreateTempSubdirectory("fairdb-upload-test").FullName;
        try
        {
            var options = new UploadOptions { TempDirectory = folder };
            var user = await TestDatabase.CreateUserAsync();
            await ImportAsync("id,a\n1,2\n", "staged.csv", user, options);
            await Assert.ThrowsAsync<UploadValidationException>(() => ImportAsync("id,a\n1\n", "staged.csv", user, options));

            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.ImportHelpers;

namespace FairDatabase.Tests.Datasets;

/// <summary>Failures after the tables were created and while rows stream in roll everything back.</summary>
[Collection(AppCollection.Name)]
public sealed class DatasetImportFailureTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    /// <summary>1,300 columns (two tables) and enough rows for several pieces of COPY data per table.</summary>
    private static MemoryStream WideFile()
    {
        var header = Enumerable.Range(0, 1301).Select(i => i == 0 ? "id" : $"c{i}");
        var rows = Enumerable.Range(0, 400).Select(r => Enumerable.Range(0, 1301).Select(c => c == 0 ? $"S{r}" : $"{(r + c) % 100}"));
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv(rows.Prepend(header))));
    }

    [Fact]
    public async Task A_connection_killed_in_the_middle_of_copy_leaves_no_table_and_no_metadata()
    {
        var user = await TestDatabase.CreateUserAsync();
        var killed = false;
        var importer = Importer(afterFlush: async (session, chunk, rows) =>
        {
            if (killed) return;
            killed = true;
            await using var admin = await TestDatabase.OpenAdminAsync();
            await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = session.Connection.ProcessID });
        });
        using var body = WideFile();

        var e = await Assert.ThrowsAsync<DatabaseException>(() => importer.ImportAsync(body, new UploadRequest("killed.csv"), user, CancellationToken.None));

        Assert.True(killed);
        Assert.True(e.Kind == DbErrorKind.Unavailable, e.InnerException?.ToString());
        Assert.Equal((0L, 0L, 0L), await LeftoversAsync(user, "killed_"));
    }

    [Fact]
    public async Task A_failure_after_the_first_table_was_loaded_leaves_nothing()
    {
        var user = await TestDatabase.CreateUserAsync();
        var sawSecondChunk = false;
        var importer = Importer(afterFlush: (_, chunk, _) =>
        {
            if (chunk.Index == 0) return Task.CompletedTask;
            sawSecondChunk = true;
            throw new IOException("injected failure while loading the second table");
        });
        using var body = WideFile();

        await Assert.ThrowsAsync<DatabaseException>(() => importer.ImportAsync(body, new UploadRequest("halfway.csv"), user, CancellationToken.None));

        Assert.True(sawSecondChunk);
        Assert.Equal((0L, 0L, 0L), await LeftoversAsync(user, "halfway_"));
    }

    [Fact]
    public async Task The_same_wide_file_loads_when_nothing_breaks()
    {
        var user = await TestDatabase.CreateUserAsync();
        using var body = WideFile();

        var result = await Importer().ImportAsync(body, new UploadRequest("intact.csv"), user, CancellationToken.None);

        Assert.Equal(2, result.Tables.Count);
        Assert.Equal(400, (await ReadTableAsync(result.Tables[1])).Count);
        Assert.Equal((2L, 1L, 2L), await LeftoversAsync(user, "intact_"));
    }
}

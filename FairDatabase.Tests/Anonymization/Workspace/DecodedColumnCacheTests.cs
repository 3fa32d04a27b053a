using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Tests.Infrastructure;
using Npgsql;
using static FairDatabase.Tests.Anonymization.Workspace.WorkspaceTestKit;

namespace FairDatabase.Tests.Anonymization.Workspace;

/// <summary>
/// Decoded working-copy columns are kept in memory per working-copy start: a second read does not
/// need the stored blocks, a new start is read from PostgreSQL again, and a step served from
/// memory still finds out that the source dataset has gone.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DecodedColumnCacheTests
{
    private static async Task ForgetBlocksAsync(Guid user)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM fairdb_work.workspace_columns WHERE user_id = @user", connection);
        delete.Parameters.AddWithValue("user", user);
        await delete.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_column_read_once_is_served_from_memory_until_the_working_copy_starts_again()
    {
        var user = await TestDatabase.CreateUserAsync();
        using var cache = new DecodedColumnCache();
        var (layout, blocks) = CsvColumnSource.Prepare(Tables.Of("id|sex", ["1|F", "2|M", "3|F"]));
        var start = new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new(WorkspaceSource.UploadKind, "a.csv") };
        await Store(user).StartAsync(start, layout, null, blocks, Ct);
        var loader = new WorkingCopyLoader(Store(user), Clients.User(user), cache);

        var first = await (await loader.OpenAsync(Ct))!.ReadAsync(["sex"], Ct);
        await ForgetBlocksAsync(user);
        var again = await (await loader.OpenAsync(Ct))!.ReadAsync(["sex"], Ct);

        Assert.Equal(["F", "M", "F"], Tables.Lines(first));
        Assert.Equal(Tables.Lines(first), Tables.Lines(again));

        // A new start names new blocks: nothing of the old start is served for it.
        var (other, otherBlocks) = CsvColumnSource.Prepare(Tables.Of("id|sex", ["1|X", "2|Y", "3|Z"]));
        await Store(user).StartAsync(start, other, null, otherBlocks, Ct);
        var restarted = await (await new WorkingCopyLoader(Store(user), Clients.User(user), cache).OpenAsync(Ct))!.ReadAsync(["sex"], Ct);
        Assert.Equal(["X", "Y", "Z"], Tables.Lines(restarted));
    }

    [Fact]
    public async Task A_column_served_from_memory_still_finds_out_the_dataset_has_gone()
    {
        var owner = await TestDatabase.CreateUserAsync();
        using var cache = new DecodedColumnCache();
        var name = await CreateTwoChunkDatasetAsync(owner);
        var scan = (await Scanner(owner).ScanAsync(name, Ct))!;
        await Store(owner).StartAsync(new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new(WorkspaceSource.DatasetKind, name) }, scan.Layout, scan.RowIds, scan.Blocks, Ct);
        var copy = (await new WorkingCopyLoader(Store(owner), Clients.User(owner), cache).OpenAsync(Ct))!;
        Assert.Equal(["34|F", "61|"], Tables.Lines(await copy.ReadAsync(["age", "sex"], Ct)));

        await DropDatasetAsync(name);

        var reopened = (await new WorkingCopyLoader(Store(owner), Clients.User(owner), cache).OpenAsync(Ct))!;
        await Assert.ThrowsAsync<WorkingCopySourceGoneException>(() => reopened.ReadAsync(["age", "sex"], Ct));
    }

    [Fact]
    public async Task A_start_from_a_dataset_keeps_the_columns_it_decoded_exactly_as_their_blocks_read_back()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(owner);
        await Workflow(owner).StartFromDatasetAsync(name, Ct);
        using var empty = new DecodedColumnCache();
        var fromBlocks = await (await new WorkingCopyLoader(Store(owner), Clients.User(owner), empty).OpenAsync(Ct))!.ReadAsync(["age", "sex"], Ct);

        await ForgetBlocksAsync(owner);
        var fromStart = await (await Loader(owner).OpenAsync(Ct))!.ReadAsync(["age", "sex"], Ct);

        Assert.Equal(["34|F", "61|"], Tables.Lines(fromStart));
        Assert.Equal(Tables.Lines(fromBlocks), Tables.Lines(fromStart));
        Assert.Equal(fromBlocks.Column("sex").Values, fromStart.Column("sex").Values);
    }
}

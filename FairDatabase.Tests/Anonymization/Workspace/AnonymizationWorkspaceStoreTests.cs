using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Workspace.WorkspaceTestKit;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class AnonymizationWorkspaceStoreTests
{
    private static async Task StartCsvAsync(Guid user, string header, params string[] rows)
    {
        var (layout, blocks) = CsvColumnSource.Prepare(Tables.Of(header, rows));
        await Store(user).StartAsync(new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new("upload", "a.csv") }, layout, null, blocks, Ct);
    }

    [Fact]
    public async Task A_started_working_copy_comes_back_with_its_recipe_layout_and_statistics()
    {
        var user = await TestDatabase.CreateUserAsync();
        await StartCsvAsync(user, "id|age", "1|34", "2|NA", "3|40");

        var loaded = await Store(user).LoadAsync(Ct);

        Assert.NotNull(loaded);
        Assert.Equal(WorkflowStep.DropIdentifiers, loaded.State.Step);
        Assert.Equal("a.csv", loaded.State.Source?.Name);
        Assert.Equal(["id", "age"], loaded.Layout!.Columns.Select(c => c.Name));
        Assert.Equal(new ColumnStats(1, true, 34, 40), loaded.Layout.StatsOf("age"));
        Assert.Null(loaded.KeptRows);
    }

    [Fact]
    public async Task The_kept_row_mask_is_stored_only_when_asked_and_cleared_with_null()
    {
        var user = await TestDatabase.CreateUserAsync();
        await StartCsvAsync(user, "a", "1", "2", "3");
        var mask = RowMask.All(3).Narrow([true, false, true]);

        await Store(user).SaveStateAsync(new WorkspaceState { Step = WorkflowStep.Complete }, Ct, setKeptRows: true, keptRows: mask);
        await Store(user).SaveStateAsync(new WorkspaceState { Step = WorkflowStep.Complete, KeptRows = 2 }, Ct);
        var kept = (await Store(user).LoadAsync(Ct))!.KeptRows!;
        await Store(user).SaveStateAsync(new WorkspaceState { Step = WorkflowStep.Complete }, Ct, setKeptRows: true, keptRows: null);

        Assert.Equal((3, 2, true, false, true), (kept.Length, kept.Count, kept[0], kept[1], kept[2]));
        Assert.Null((await Store(user).LoadAsync(Ct))!.KeptRows);
    }

    [Fact]
    public async Task A_user_cannot_read_change_or_reset_another_users_working_copy_or_its_columns()
    {
        var alice = await TestDatabase.CreateUserAsync();
        var bob = await TestDatabase.CreateUserAsync();
        await StartCsvAsync(alice, "secret", "alice-only");
        await Store(alice).SaveReportAsync("""{"p29": 0.5}""", Ct);

        Assert.Null(await Store(bob).LoadAsync(Ct));
        Assert.Null(await Store(bob).LoadReportAsync(Ct));
        Assert.False(await Store(bob).SaveReportAsync("""{"p29": 1}""", Ct));
        await Store(bob).ResetAsync(Ct);
        // Even statements naming Alice's rows directly are filtered by RLS.
        var seen = await Clients.User(bob).RunAsync(s => s.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM fairdb_work.workspace_columns WHERE user_id = @alice", new { alice }), Ct);
        var changed = await Clients.User(bob).RunAsync(s => s.ExecuteAsync(
            "UPDATE fairdb_work.workspaces SET state = '{}' WHERE user_id = @alice", new { alice }), Ct);
        var deleted = await Clients.User(bob).RunAsync(s => s.ExecuteAsync(
            "DELETE FROM fairdb_work.workspace_columns WHERE user_id = @alice", new { alice }), Ct);

        Assert.Equal((0L, 0, 0), (seen, changed, deleted));
        Assert.Equal(["alice-only"], await RowsAsync(alice));
        Assert.Contains("0.5", await Store(alice).LoadReportAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_insert_a_working_copy_or_columns_in_another_users_name()
    {
        var alice = await TestDatabase.CreateUserAsync();
        var bob = await TestDatabase.CreateUserAsync();
        await StartCsvAsync(alice, "a", "1");
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(bob).RunAsync(s => s.ExecuteAsync(
            "INSERT INTO fairdb_work.workspaces (user_id, state) VALUES (@alice, '{}')", new { alice }), Ct));
        var columns = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(bob).RunAsync(s => s.ExecuteAsync(
            "INSERT INTO fairdb_work.workspace_columns (user_id, block, ordinal, data) VALUES (@alice, 9, 0, '\\x00')", new { alice }), Ct));
        Assert.Equal((DbErrorKind.Forbidden, DbErrorKind.Forbidden), (e.Kind, columns.Kind));
    }

    [Fact]
    public async Task Reset_forgets_the_working_copy_its_columns_and_its_report()
    {
        var user = await TestDatabase.CreateUserAsync();
        await StartCsvAsync(user, "a", "1");
        Assert.True(await Store(user).SaveReportAsync("{}", Ct));

        await Store(user).ResetAsync(Ct);

        Assert.Null(await Store(user).LoadAsync(Ct));
        Assert.Null(await Store(user).LoadReportAsync(Ct));
        Assert.Equal(0L, await Clients.User(user).RunAsync(s => s.ExecuteScalarAsync<long>("SELECT count(*) FROM fairdb_work.workspace_columns"), Ct));
    }
}

using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class AnonymizationWorkspaceStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static AnonymizationWorkspaceStore StoreFor(Guid user) => new(Clients.User(user));

    [Fact]
    public async Task A_saved_working_copy_comes_back_with_its_state_and_both_tables()
    {
        var user = await TestDatabase.CreateUserAsync();
        var original = Tables.Of("id|age", "1|34", "2|", "3|40");
        var current = original.WithoutColumns(["id"]);
        var state = new WorkspaceState { Step = WorkflowStep.MissingValues, Source = new("upload", "a.csv"), DroppedIdentifiers = ["id"] };

        await StoreFor(user).SaveAsync(state, current, original, Ct);
        var loaded = await StoreFor(user).LoadAsync(Ct);

        Assert.NotNull(loaded);
        Assert.Equal(WorkflowStep.MissingValues, loaded.State.Step);
        Assert.Equal(["id"], loaded.State.DroppedIdentifiers);
        Assert.Equal("a.csv", loaded.State.Source?.Name);
        Assert.Equal(Tables.Lines(original), Tables.Lines(loaded.Original!));
        Assert.Equal(["34", "", "40"], Tables.Lines(loaded.Current!));
    }

    [Fact]
    public async Task Saving_without_an_original_keeps_the_stored_original()
    {
        var user = await TestDatabase.CreateUserAsync();
        var original = Tables.Of("id|age", "1|34");
        await StoreFor(user).SaveAsync(new WorkspaceState(), original, original, Ct);
        await StoreFor(user).SaveAsync(new WorkspaceState { Step = WorkflowStep.Complete }, original.WithoutColumns(["age"]), null, Ct);

        var loaded = await StoreFor(user).LoadAsync(Ct);
        Assert.Equal(["id", "age"], loaded!.Original!.ColumnNames);
        Assert.Equal(["id"], loaded.Current!.ColumnNames);
        Assert.Equal(WorkflowStep.Complete, loaded.State.Step);
    }

    [Fact]
    public async Task A_user_cannot_read_change_or_reset_another_users_working_copy()
    {
        var alice = await TestDatabase.CreateUserAsync();
        var bob = await TestDatabase.CreateUserAsync();
        var table = Tables.Of("secret", "alice-only");
        await StoreFor(alice).SaveAsync(new WorkspaceState { Step = WorkflowStep.Complete }, table, table, Ct);
        await StoreFor(alice).SaveReportAsync("""{"p29": 0.5}""", Ct);

        Assert.Null(await StoreFor(bob).LoadAsync(Ct));
        Assert.Null(await StoreFor(bob).LoadReportAsync(Ct));
        Assert.False(await StoreFor(bob).SaveReportAsync("""{"p29": 1}""", Ct));
        await StoreFor(bob).ResetAsync(Ct);
        // Even a statement naming Alice's row directly is filtered by RLS.
        var changed = await Clients.User(bob).RunAsync(s => s.ExecuteAsync(
            "UPDATE fairdb_work.workspaces SET state = '{}' WHERE user_id = @alice", new { alice }), Ct);

        Assert.Equal(0, changed);
        var kept = await StoreFor(alice).LoadAsync(Ct);
        Assert.Equal(WorkflowStep.Complete, kept!.State.Step);
        Assert.Contains("0.5", await StoreFor(alice).LoadReportAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_insert_a_working_copy_in_another_users_name()
    {
        var alice = await TestDatabase.CreateUserAsync();
        var bob = await TestDatabase.CreateUserAsync();
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(bob).RunAsync(s => s.ExecuteAsync(
            "INSERT INTO fairdb_work.workspaces (user_id, state) VALUES (@alice, '{}')", new { alice }), Ct));
        Assert.Equal(DbErrorKind.Forbidden, e.Kind);
    }

    [Fact]
    public async Task Reset_forgets_the_working_copy_and_its_report()
    {
        var user = await TestDatabase.CreateUserAsync();
        var table = Tables.Of("a", "1");
        await StoreFor(user).SaveAsync(new WorkspaceState(), table, table, Ct);
        Assert.True(await StoreFor(user).SaveReportAsync("{}", Ct));

        await StoreFor(user).ResetAsync(Ct);

        Assert.Null(await StoreFor(user).LoadAsync(Ct));
        Assert.Null(await StoreFor(user).LoadReportAsync(Ct));
    }
}

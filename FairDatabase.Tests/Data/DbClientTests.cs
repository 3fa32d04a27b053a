using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class DbClientTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static Task<string> CreateOwnedTableAsync(Guid owner, string value) =>
        TestTables.CreateAsync(owner, ["value"], ["p1", value]);

    [Fact]
    public async Task A_user_reads_own_rows_but_not_another_users_and_the_service_role_reads_both()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var table = await CreateOwnedTableAsync(a, "secret-of-a");
        var qualified = SqlIdentifier.Qualified("_realtime", table);

        var seenByA = await Clients.User(a).RunAsync(s => s.QueryAsync<string>($"SELECT value FROM {qualified}"), CancellationToken.None);
        var seenByB = await Clients.User(b).RunAsync(s => s.QueryAsync<string>($"SELECT value FROM {qualified}"), CancellationToken.None);
        var seenByService = await Clients.ServiceRole().RunAsync(s => s.QueryAsync<string>($"SELECT value FROM {qualified}"), CancellationToken.None);
        var viaRpcByB = await Clients.User(b).RunAsync(s => Rpc.QueryAsync<string>(s, "get_all_tables", new { p_schema_name = "_realtime" }), CancellationToken.None);

        Assert.Equal(["secret-of-a"], seenByA);
        Assert.Empty(seenByB);
        Assert.Equal(["secret-of-a"], seenByService);
        Assert.DoesNotContain(table, viaRpcByB);
    }

    [Fact]
    public async Task A_user_cannot_change_another_users_row_but_the_service_role_can()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var table = await CreateOwnedTableAsync(a, "original");
        var qualified = SqlIdentifier.Qualified("_realtime", table);

        var byB = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(b).RunAsync(
            s => Rpc.ScalarAsync<bool>(s, "update_table_row", new { p_table_name = table, p_row_id = 1, p_updates = new JsonbParameter("""{"value":"hacked"}""") }),
            CancellationToken.None));
        var directByB = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(b).RunAsync(
            s => s.ExecuteAsync($"UPDATE {qualified} SET value = 'hacked'"), CancellationToken.None));
        var byService = await Clients.ServiceRole().RunAsync(s => s.ExecuteAsync($"UPDATE {qualified} SET value = 'fixed'"), CancellationToken.None);
        await using var admin = await TestDatabase.OpenAdminAsync();
        var value = await admin.ExecuteScalarAsync<string>($"SELECT value FROM {qualified}");

        Assert.Equal(DbErrorKind.NotFound, byB.Kind);
        Assert.Equal(DbErrorKind.Forbidden, directByB.Kind);
        Assert.Equal(1, byService);
        Assert.Equal("fixed", value);
    }

    [Fact]
    public async Task The_user_client_applies_the_claims_to_the_transaction()
    {
        var a = await TestDatabase.CreateUserAsync();
        var (uid, role) = await Clients.User(a).RunAsync(
            s => s.QuerySingleOrDefaultAsync<(Guid, string)>("SELECT auth.uid(), current_user::text"), CancellationToken.None);
        Assert.Equal(a, uid);
        Assert.Equal("authenticated", role);
    }

    [Fact]
    public async Task Without_a_signed_in_user_the_user_client_refuses()
    {
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.Anonymous().RunAsync(s => s.ExecuteAsync("SELECT 1"), CancellationToken.None));
        Assert.Equal(DbErrorKind.Forbidden, e.Kind);
    }

    /// <summary>A real failure: an administrator ends this session's connection (SqlState 57P01).</summary>
    private static async Task KillOwnConnectionAsync(DbSession s)
    {
        var pid = await s.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
        await using var admin = await TestDatabase.OpenAdminAsync();
        await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid, 5000)", new { pid });
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_work_then_succeeds()
    {
        var attempts = 0;
        var result = await Clients.ServiceRole().RunAsync(async s =>
        {
            if (++attempts == 1)
            {
                await KillOwnConnectionAsync(s);
            }
            return await s.ExecuteScalarAsync<int>("SELECT 42");
        }, CancellationToken.None);
        Assert.Equal(2, attempts);
        Assert.Equal(42, result);
    }

    [Fact]
    public async Task A_failure_that_persists_stops_after_three_attempts()
    {
        var attempts = 0;
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.ServiceRole().RunAsync(async s =>
        {
            attempts++;
            await KillOwnConnectionAsync(s);
            return await s.ExecuteScalarAsync<int>("SELECT 1");
        }, CancellationToken.None));
        Assert.Equal(3, attempts);
        Assert.Equal(DbErrorKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task A_failed_unit_of_work_leaves_nothing_behind()
    {
        var table = TestDatabase.UniqueName("rollback");
        await Assert.ThrowsAsync<DatabaseException>(() => Clients.ServiceRole().RunAsync(async s =>
        {
            await Rpc.ScalarAsync<bool>(s, "create_data_table",
                new { p_schema_name = "_realtime", p_table_name = table, p_column_names = new[] { "v" }, p_id_column = "id" });
            await s.ExecuteAsync("SELECT * FROM no_such_table");
            return 0;
        }, CancellationToken.None));
        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.False(await admin.ExecuteScalarAsync<bool>("SELECT to_regclass(format('_realtime.%I', @table::text)) IS NOT NULL", new { table }));
    }
}

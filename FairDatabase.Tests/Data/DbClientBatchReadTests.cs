using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using Npgsql;

namespace FairDatabase.Tests.Data;

/// <summary>
/// ReadAsync: the identity and the statements in one batch. The settings must apply to every
/// statement of the batch and to nothing after it, on a connection the pool hands out again.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DbClientBatchReadTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static async Task<(Guid? Uid, string Role, string ClaimSub)> WhoAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.GetString(1), reader.GetString(2));
    }

    private static readonly DbStatement Who =
        new("SELECT auth.uid(), current_user::text, coalesce(current_setting('request.jwt.claim.sub', true), '')");

    [Fact]
    public async Task Every_statement_of_the_batch_runs_as_the_user_and_reads_only_its_rows()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var table = SqlIdentifier.Qualified("_realtime", await TestTables.CreateAsync(a, ["value"], ["p1", "secret-of-a"]));

        var (whoA, rowsA) = await Clients.User(a).ReadAsync([Who, new DbStatement($"SELECT value FROM {table}")], async (reader, ct) =>
        {
            var who = await WhoAsync(reader, ct);
            await reader.NextResultAsync(ct);
            var rows = new List<string>();
            while (await reader.ReadAsync(ct)) rows.Add(reader.GetString(0));
            return (who, rows);
        }, CancellationToken.None);
        var rowsB = await Clients.User(b).ReadAsync([new DbStatement($"SELECT count(*) FROM {table}")],
            async (reader, ct) => await reader.ReadAsync(ct) ? reader.GetInt64(0) : -1, CancellationToken.None);

        Assert.Equal((a, "authenticated", a.ToString()), whoA);
        Assert.Equal(["secret-of-a"], rowsA);
        Assert.Equal(0, rowsB);
    }

    [Fact]
    public async Task The_settings_end_with_the_batch_on_a_reused_connection()
    {
        var a = await TestDatabase.CreateUserAsync();
        // One physical connection, so the second batch and the plain query surely reuse it.
        await using var single = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { MaxPoolSize = 1 }.ConnectionString);

        var asUser = await Clients.For(single, DbIdentity.ForUser(a)).ReadAsync([Who], WhoAsync, CancellationToken.None);
        var asService = await Clients.For(single, DbIdentity.ServiceRole).ReadAsync([Who], WhoAsync, CancellationToken.None);
        await using var connection = await single.OpenConnectionAsync();
        var afterwards = await connection.QuerySingleAsync<(bool OwnRole, string Claims, string Sub)>(
            "SELECT current_user = session_user, coalesce(current_setting('request.jwt.claims', true), ''), coalesce(current_setting('request.jwt.claim.sub', true), '')");

        Assert.Equal((a, "authenticated", a.ToString()), asUser);
        Assert.Equal((null, "service_role", ""), asService);
        Assert.Equal((true, "", ""), afterwards); // back to the login role, no claims
    }

    [Fact]
    public async Task A_failing_statement_fails_the_batch_as_a_database_exception()
    {
        var a = await TestDatabase.CreateUserAsync();
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(a).ReadAsync(
            [Who, new DbStatement("SELECT * FROM _realtime.no_such_table_here")], WhoAsync, CancellationToken.None));
        Assert.Equal(DbErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Without_a_signed_in_user_a_batch_read_is_refused()
    {
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.Anonymous().ReadAsync([Who], WhoAsync, CancellationToken.None));
        Assert.Equal(DbErrorKind.Forbidden, e.Kind);
    }
}

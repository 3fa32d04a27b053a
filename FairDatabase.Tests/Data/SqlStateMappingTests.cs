using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using Npgsql;

namespace FairDatabase.Tests.Data;

/// <summary>Each failure is produced for real by PostgreSQL and must arrive as the right kind.</summary>
[Collection(AppCollection.Name)]
public sealed class SqlStateMappingTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static async Task<DatabaseException> FailAsync(IDbClient client, string sql)
    {
        return await Assert.ThrowsAsync<DatabaseException>(() => client.RunOnceAsync(s => s.ExecuteAsync(sql), CancellationToken.None));
    }

    [Theory]
    [InlineData("SELECT * FROM _realtime.no_such_table", "42P01", DbErrorKind.NotFound)]
    [InlineData("SELECT public.no_such_function()", "42883", DbErrorKind.NotFound)]
    [InlineData("CREATE TEMP TABLE u (x int UNIQUE); INSERT INTO u VALUES (1), (1)", "23505", DbErrorKind.Conflict)]
    [InlineData("INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES ('x', 'x', gen_random_uuid())", "23503", DbErrorKind.Conflict)]
    [InlineData("SET LOCAL statement_timeout = 50; SELECT pg_sleep(2)", "57014", DbErrorKind.Timeout)]
    [InlineData("SELECT 'abc'::integer", "22P02", DbErrorKind.BadRequest)]
    public async Task A_service_role_failure_maps_by_sql_state(string sql, string sqlState, DbErrorKind kind)
    {
        var e = await FailAsync(Clients.ServiceRole(), sql);
        Assert.Equal(sqlState, e.SqlState);
        Assert.Equal(kind, e.Kind);
    }

    [Fact]
    public async Task Insufficient_privilege_maps_to_forbidden()
    {
        var user = await TestDatabase.CreateUserAsync();
        var e = await FailAsync(Clients.User(user), "SELECT * FROM auth.users");
        Assert.Equal("42501", e.SqlState);
        Assert.Equal(DbErrorKind.Forbidden, e.Kind);
    }

    [Fact]
    public async Task An_unreachable_server_maps_to_unavailable_after_retries()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { Port = 1, Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var e = await FailAsync(Clients.For(dataSource, DbIdentity.ServiceRole), "SELECT 1");
        Assert.Equal(DbErrorKind.Unavailable, e.Kind);
        Assert.Null(e.SqlState);
    }

    [Fact]
    public void Every_mapped_sql_state_has_its_kind()
    {
        Assert.Equal(DbErrorKind.NotFound, DbErrors.KindOf("P0002"));
        Assert.Equal(DbErrorKind.Unavailable, DbErrors.KindOf("08006"));
        Assert.Equal(DbErrorKind.Unavailable, DbErrors.KindOf("57P03"));
        Assert.Equal(DbErrorKind.Unavailable, DbErrors.KindOf("53300"));
        Assert.Equal(DbErrorKind.Internal, DbErrors.KindOf("XX000"));
    }
}

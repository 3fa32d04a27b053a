using Dapper;
using FairDatabase.Core.Configuration;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class RpcAndMigrationTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    [Fact]
    public void Rpc_calls_use_named_arguments_and_refuse_odd_names()
    {
        Assert.Equal("SELECT * FROM public.table_exists(p_table_name => @p_table_name, p_schema_name => @p_schema_name)",
            Rpc.Sql("table_exists", new { p_table_name = "x", p_schema_name = "_realtime" }));
        Assert.Throws<ArgumentException>(() => Rpc.Sql("drop table x; --", null));
    }

    [Fact]
    public async Task Insert_metadata_without_a_user_raises_the_fairdatabase_message()
    {
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.ServiceRole().RunOnceAsync(
            s => Rpc.ScalarAsync<int>(s, "insert_metadata", new { p_table_name = "x", p_main_table = "x", p_description = "", p_origin = "" }),
            CancellationToken.None));
        Assert.Equal("P0001", e.SqlState);
        Assert.Equal("User must be authenticated to insert metadata", ((Npgsql.PostgresException)e.InnerException!).MessageText);
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_applies_nothing_and_every_file_is_journaled()
    {
        var migrator = new SqlMigrator(
            Options.Create(new DatabaseOptions { ConnectionString = TestDatabase.AdminConnectionString }),
            Options.Create(new FairDatabaseOptions { Mode = DeploymentMode.Embedded }),
            NullLogger<SqlMigrator>.Instance);

        var applied = await migrator.MigrateAsync(TestDatabase.SqlDirectory, CancellationToken.None);
        await using var admin = await TestDatabase.OpenAdminAsync();
        var journal = (await admin.QueryAsync<string>("SELECT name FROM fairdb_meta.applied_sql")).ToHashSet();

        Assert.Empty(applied);
        Assert.All(migrator.PendingCandidates(TestDatabase.SqlDirectory), f => Assert.Contains(f.Name, journal));
        Assert.Contains("supabase-compat/00_roles_and_auth_schema.sql", journal);
    }

    [Fact]
    public void Supabase_mode_applies_migrations_only()
    {
        var migrator = new SqlMigrator(
            Options.Create(new DatabaseOptions { ConnectionString = TestDatabase.AdminConnectionString }),
            Options.Create(new FairDatabaseOptions { Mode = DeploymentMode.Supabase }),
            NullLogger<SqlMigrator>.Instance);
        var files = migrator.PendingCandidates(TestDatabase.SqlDirectory);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.StartsWith("migrations/", f.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("postgresql://app:p%40ss@db.example:6543/postgres?sslmode=require", "db.example", 6543, "app", "p@ss")]
    [InlineData("Host=h;Port=5433;Username=u;Password=pw;Database=d", "h", 5433, "u", "pw")]
    public void Connection_strings_accept_urls_and_key_values(string input, string host, int port, string user, string password)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionStrings.Normalize(input));
        Assert.Equal((host, port, user, password), (b.Host, b.Port, b.Username, b.Password));
        Assert.Null(ConnectionStrings.Problem(input));
        Assert.NotNull(ConnectionStrings.Problem("postgresql://"));
        Assert.NotNull(ConnectionStrings.Problem("Host=h;NoSuchKey=1"));
    }
}

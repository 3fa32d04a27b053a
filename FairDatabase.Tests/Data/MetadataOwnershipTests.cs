using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Data;

/// <summary>An authenticated caller cannot write metadata rows that name no owner or someone else.</summary>
[Collection(AppCollection.Name)]
public sealed class MetadataOwnershipTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static async Task<long> RowsNamedAsync(string table)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM _realtime.metadata_tables WHERE table_name = @table", new { table });
    }

    [Fact]
    public async Task Inserting_a_metadata_row_without_an_owner_is_refused()
    {
        var user = await TestDatabase.CreateUserAsync();
        var table = TestDatabase.UniqueName("ownerless");

        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(user).RunAsync(s => s.ExecuteAsync(
            "INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES (@table, @table, NULL)", new { table }),
            CancellationToken.None));

        Assert.Equal(("42501", DbErrorKind.Forbidden), (e.SqlState, e.Kind));
        Assert.Equal(0, await RowsNamedAsync(table));
    }

    [Fact]
    public async Task Inserting_a_metadata_row_in_another_users_name_is_refused()
    {
        var user = await TestDatabase.CreateUserAsync();
        var victim = await TestDatabase.CreateUserAsync();
        var table = TestDatabase.UniqueName("foreign");

        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.User(user).RunAsync(s => s.ExecuteAsync(
            "INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES (@table, @table, @victim)", new { table, victim }),
            CancellationToken.None));

        Assert.Equal(("42501", DbErrorKind.Forbidden), (e.SqlState, e.Kind));
        Assert.Equal(0, await RowsNamedAsync(table));
    }
}

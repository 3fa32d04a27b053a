using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Data;

/// <summary>
/// A user who learns (or guesses) another user's table name and tries to register it as their
/// own, directly or through insert_metadata, still learns nothing: no columns, no existence, no
/// search hit, no rows.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ForeignTableRegistrationTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    [Fact]
    public async Task Registering_another_users_table_name_does_not_reveal_its_columns()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var intruder = await TestDatabase.CreateUserAsync();
        var table = await TestTables.CreateAsync(owner, ["secret_marker_column"], ["s1", "confidential"]);
        var client = Clients.User(intruder);

        // Both ways of registering; either may be refused, neither may grant anything.
        await Attempt(client.RunAsync(s => Rpc.ScalarAsync<int>(s, "insert_metadata",
            new { p_table_name = table, p_main_table = table, p_description = (string?)null, p_origin = (string?)null }), CancellationToken.None));
        await Attempt(client.RunAsync(s => s.ExecuteAsync(
            "INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES (@table, @table, auth.uid())", new { table }),
            CancellationToken.None));

        var (columns, exists, found) = await client.RunAsync(async s => (
            (await s.QueryAsync<string>("SELECT column_name FROM public.get_table_columns(@table, '_realtime')", new { table })).ToList(),
            await s.ExecuteScalarAsync<bool>("SELECT public.table_exists(@table, '_realtime')", new { table }),
            (await s.QueryAsync<string>("SELECT public.search_tables_by_column('secret_marker', '_realtime')")).ToList()), CancellationToken.None);
        var rows = await Record.ExceptionAsync(() => client.RunAsync(s => s.QueryAsync<string>(
            "SELECT data::text FROM public.select_from_table(@table, 10, '_realtime')", new { table }), CancellationToken.None));

        Assert.Empty(columns);
        Assert.False(exists);
        Assert.Empty(found);
        // As for a table that does not exist.
        Assert.Equal(DbErrorKind.NotFound, Assert.IsType<DatabaseException>(rows).Kind);
    }

    private static async Task Attempt(Task work)
    {
        try
        {
            await work;
        }
        catch (DatabaseException)
        {
            // Refused: the better outcome, checked by what the intruder can see afterwards.
        }
    }
}

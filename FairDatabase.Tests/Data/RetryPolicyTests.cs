using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Data;

/// <summary>
/// The retry pipeline repeats only failures that may pass by themselves: a permanent error
/// (a missing table, a duplicate key, a cancelled statement) is attempted exactly once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RetryPolicyTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    [Theory]
    [InlineData("SELECT * FROM _realtime.no_such_table_for_retry", "42P01", DbErrorKind.NotFound)]
    [InlineData("CREATE TEMP TABLE once (x int UNIQUE); INSERT INTO once VALUES (1), (1)", "23505", DbErrorKind.Conflict)]
    [InlineData("SELECT 'not a number'::integer", "22P02", DbErrorKind.BadRequest)]
    [InlineData("SET LOCAL statement_timeout = 20; SELECT pg_sleep(1)", "57014", DbErrorKind.Timeout)]
    public async Task A_permanent_error_is_attempted_once(string sql, string sqlState, DbErrorKind kind)
    {
        var attempts = 0;
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.ServiceRole().RunAsync(async s =>
        {
            attempts++;
            return await s.ExecuteAsync(sql);
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal(sqlState, e.SqlState);
        Assert.Equal(kind, e.Kind);
    }

    [Theory]
    [InlineData("40001")] // serialization_failure
    [InlineData("40P01")] // deadlock_detected
    public async Task A_transient_sql_state_is_retried_until_it_passes(string sqlState)
    {
        var attempts = 0;
        var result = await Clients.ServiceRole().RunAsync(async s =>
        {
            // A real error raised by PostgreSQL with that state, the first two times only.
            if (++attempts < 3)
                await s.ExecuteAsync($"DO $$ BEGIN RAISE EXCEPTION 'try again' USING ERRCODE = '{sqlState}'; END $$");
            return await s.ExecuteScalarAsync<int>("SELECT 7");
        }, CancellationToken.None);

        Assert.Equal(3, attempts);
        Assert.Equal(7, result);
    }

    [Fact]
    public async Task RunOnce_never_retries_even_a_transient_failure()
    {
        var attempts = 0;
        var e = await Assert.ThrowsAsync<DatabaseException>(() => Clients.ServiceRole().RunOnceAsync(async s =>
        {
            attempts++;
            return await s.ExecuteAsync("DO $$ BEGIN RAISE EXCEPTION 'try again' USING ERRCODE = '40001'; END $$");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal("40001", e.SqlState);
    }
}

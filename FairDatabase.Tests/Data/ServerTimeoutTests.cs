using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Data;

/// <summary>PostgreSQL itself ends a runaway statement or a transaction left idle, whatever the app does.</summary>
public sealed class ServerTimeoutTests
{
    [Fact]
    public async Task Every_unit_of_work_runs_with_the_configured_statement_and_idle_transaction_timeouts()
    {
        var (statement, idle) = await Clients.ServiceRole().RunAsync(async s =>
            (await s.ExecuteScalarAsync<string>("SELECT current_setting('statement_timeout')"),
             await s.ExecuteScalarAsync<string>("SELECT current_setting('idle_in_transaction_session_timeout')")), CancellationToken.None);

        Assert.Equal("2min", statement); // Database:CommandTimeoutSeconds, default 120
        Assert.Equal("1min", idle); // Database:IdleInTransactionTimeoutSeconds, default 60
    }

    [Fact]
    public async Task A_transaction_left_idle_past_the_limit_is_ended_by_the_server()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new DatabaseOptions
        {
            ConnectionString = TestDatabase.AppConnectionString, IdleInTransactionTimeoutSeconds = 1,
        });
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(TestDatabase.AppConnectionString);
        var client = new ServiceRoleClient(dataSource, Clients.Retry, options);

        var failure = await Assert.ThrowsAsync<DatabaseException>(() => client.RunOnceAsync(async s =>
        {
            await s.ExecuteScalarAsync<int>("SELECT 1");
            await Task.Delay(TimeSpan.FromSeconds(3)); // the app "waiting on a client" inside the transaction
            return await s.ExecuteScalarAsync<int>("SELECT 2");
        }, CancellationToken.None));

        Assert.NotNull(failure);
    }
}

using FairDatabase.Core.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>Database clients built by hand on the app's login role, for Core-level tests.</summary>
public static class Clients
{
    private static readonly NpgsqlDataSource AppDataSource = NpgsqlDataSource.Create(TestDatabase.AppConnectionString);

    public static IOptions<DatabaseOptions> Options { get; } =
        Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { ConnectionString = TestDatabase.AppConnectionString });

    public static DbRetryPipeline Retry { get; } = new(NullLogger<DbRetryPipeline>.Instance, TimeSpan.FromMilliseconds(10));

    public static IServiceRoleClient ServiceRole() => new ServiceRoleClient(AppDataSource, Retry, Options);

    public static IUserClient User(Guid userId) => new UserClient(AppDataSource, new FixedUser(DbIdentity.ForUser(userId)), Retry, Options);

    public static IUserClient Anonymous() => new UserClient(AppDataSource, new FixedUser(null), Retry, Options);

    public static DbClient For(NpgsqlDataSource dataSource, DbIdentity identity) => new(dataSource, () => identity, Retry, Options);

    private sealed class FixedUser(DbIdentity? identity) : IUserContext
    {
        public DbIdentity? Identity => identity;
    }
}

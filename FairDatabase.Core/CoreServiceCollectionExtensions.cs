using FairDatabase.Core.Admin;
using FairDatabase.Core.ApiTokens;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Audit;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Configuration;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Sharing;
using FairDatabase.Core.Explore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FairDatabase.Core;

/// <summary>Everything FairDatabase.Core offers, registered in one place.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddFairDatabaseCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddValidatedOptions<FairDatabaseOptions>(config, FairDatabaseOptions.Section, _ => []);
        services.AddValidatedOptions<DatabaseOptions>(config, DatabaseOptions.Section, ValidateDatabase);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(ConnectionStrings.Normalize(options.ConnectionString));
            // Every unit of work sets its role and claims locally in its own transaction (DbClient),
            // so a returned connection holds no state worth a DISCARD ALL on its next use.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            // The same few statements run on every page: prepared, PostgreSQL skips parsing and
            // planning them (about half its CPU per page in the pages benchmark).
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = options.MaxAutoPrepare;
            dataSource.UseLoggerFactory(sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>());
            return dataSource.Build();
        });
        services.AddSingleton<DbRetryPipeline>();
        services.AddSingleton<IServiceRoleClient, ServiceRoleClient>();
        services.AddScoped<IUserClient, UserClient>();
        services.AddSingleton<SqlMigrator>();
        services.AddDatasetBrowsing();
        services.AddAnonymizationWorkspace();
        services.AddFairDatabaseAuth(config);
        services.AddDatasets(config);
        services.AddDatasetSharing();
        services.AddAuditLog();
        services.AddAccountAdmin();
        services.AddExplore(config);
        services.AddApiTokens(config);
        return builder;
    }

    private static IEnumerable<string> ValidateDatabase(DatabaseOptions o)
    {
        if (ConnectionStrings.Problem(o.ConnectionString) is { } problem)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.ConnectionString), problem);
        if (o.MigrationConnectionString is { Length: > 0 } m && ConnectionStrings.Problem(m) is { } mProblem)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.MigrationConnectionString), mProblem);
        if (o.MaxAutoPrepare is < 0 or > 1000)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.MaxAutoPrepare), "must be from 0 (off, for transaction poolers) to 1000");
        if (o.CommandTimeoutSeconds < 0)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.CommandTimeoutSeconds), "must be 0 (no limit) or more");
        if (o.IdleInTransactionTimeoutSeconds < 0)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.IdleInTransactionTimeoutSeconds), "must be 0 (no limit) or more");
    }
}

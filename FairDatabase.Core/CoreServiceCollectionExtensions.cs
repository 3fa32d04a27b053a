using FairDatabase.Core.Admin;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Audit;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Configuration;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Sharing;
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
        return builder;
    }

    private static IEnumerable<string> ValidateDatabase(DatabaseOptions o)
    {
        if (ConnectionStrings.Problem(o.ConnectionString) is { } problem)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.ConnectionString), problem);
        if (o.MigrationConnectionString is { Length: > 0 } m && ConnectionStrings.Problem(m) is { } mProblem)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.MigrationConnectionString), mProblem);
        if (o.CommandTimeoutSeconds < 0)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.CommandTimeoutSeconds), "must be 0 (no limit) or more");
        if (o.IdleInTransactionTimeoutSeconds < 0)
            yield return OptionsRegistration.Setting(DatabaseOptions.Section, nameof(o.IdleInTransactionTimeoutSeconds), "must be 0 (no limit) or more");
    }
}

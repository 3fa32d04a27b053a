using FairDatabase.Core.Configuration;
using FairDatabase.Core.Releases.Creation;
using FairDatabase.Core.Releases.Lineage;
using FairDatabase.Core.Releases.Risk;
using FairDatabase.Core.Releases.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Releases;

public static class ReleaseRegistration
{
    public static IServiceCollection AddReleases(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<ReleaseOptions>(config, ReleaseOptions.Section, Validate);
        services.AddScoped<ReleaseCallerClient>();
        services.AddScoped<IReleaseReader, ReleaseReader>();
        services.AddScoped<IDatasetLineageStore, DatasetLineageStore>();
        services.AddScoped<IDatasetColumnReader, DatasetColumnReader>();
        services.AddScoped<IReleaseRiskAssessor, ReleaseRiskAssessor>();
        services.AddScoped<IReleaseSnapshotWriter, ReleaseSnapshotWriter>();
        services.AddScoped<IReleaseCreator, ReleaseCreator>();
        return services;
    }

    private static IEnumerable<string> Validate(ReleaseOptions o)
    {
        if (!(o.RiskThreshold > 0 && o.RiskThreshold <= 1))
            yield return OptionsRegistration.Setting(ReleaseOptions.Section, nameof(o.RiskThreshold), "must be a share above 0 and at most 1 (e.g. 0.2: classes of at least 5 rows)");
    }
}

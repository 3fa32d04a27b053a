using FairDatabase.Core.Configuration;
using FairDatabase.Core.Explore.Diversity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Explore;

public static class ExploreRegistration
{
    public static IServiceCollection AddExplore(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<ExploreOptions>(config, ExploreOptions.Section, Validate);
        services.AddScoped<IColumnStatisticsStore, ColumnStatisticsStore>();
        services.AddScoped<ColumnStatisticsCalculator>();
        services.AddScoped<IColumnStatisticsService, ColumnStatisticsService>();
        services.AddScoped<IDiversityService, DiversityService>();
        return services;
    }

    private static IEnumerable<string> Validate(ExploreOptions o)
    {
        if (o.MaxOrdinationSamples < 3)
            yield return OptionsRegistration.Setting(ExploreOptions.Section, nameof(o.MaxOrdinationSamples), "must be 3 or more");
    }
}

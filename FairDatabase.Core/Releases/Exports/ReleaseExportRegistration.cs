using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Releases.Exports;

public static class ReleaseExportRegistration
{
    /// <summary>The release files and ZIP; needs an <see cref="IReleaseReader"/> registered beside it.</summary>
    public static IServiceCollection AddReleaseExports(this IServiceCollection services)
    {
        services.AddScoped<IReleaseZip, ReleaseZip>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Releases.Exports;

public static class ReleaseExportRegistration
{
    /// <summary>The release files, the ZIP and the landing page's JSON-LD; needs an <see cref="IReleaseReader"/> registered beside it.</summary>
    public static IServiceCollection AddReleaseExports(this IServiceCollection services)
    {
        services.AddScoped<IReleaseZip, ReleaseZip>();
        services.AddSingleton<IReleaseJsonLd, ReleaseJsonLd>();
        return services;
    }
}

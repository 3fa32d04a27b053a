using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Sharing;

public static class SharingRegistration
{
    public static IServiceCollection AddDatasetSharing(this IServiceCollection services)
    {
        services.AddScoped<IDatasetSharing, DatasetSharing>();
        return services;
    }
}

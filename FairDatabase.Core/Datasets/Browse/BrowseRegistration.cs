using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FairDatabase.Core.Datasets.Browse;

public static class BrowseRegistration
{
    public static IServiceCollection AddDatasetBrowsing(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<IUserTableCatalog, UserTableCatalog>();
        services.AddScoped<IDatasetBrowser, DatasetBrowser>();
        services.AddScoped<TableExporter>();
        services.TryAddScoped<IOriginalHeaders, PhysicalColumnHeaders>();
        return services;
    }
}

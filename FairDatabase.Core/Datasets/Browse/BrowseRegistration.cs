using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Datasets.Browse;

public static class BrowseRegistration
{
    public static IServiceCollection AddDatasetBrowsing(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<IUserTableCatalog, UserTableCatalog>();
        services.AddScoped<IDatasetBrowser, DatasetBrowser>();
        services.AddScoped<TableExporter>();
        services.AddScoped<IOriginalHeaders, RecordedHeaders>();
        services.AddScoped<DatasetList>();
        return services;
    }
}

using FairDatabase.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Datasets;

public static class DatasetServiceCollectionExtensions
{
    /// <summary>Upload options (checked at start-up) and the CSV importer.</summary>
    public static IServiceCollection AddDatasets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<UploadOptions>(configuration, UploadOptions.Section, UploadOptions.Validate);
        services.AddSingleton<IDatasetImporter, DatasetImporter>();
        services.AddValidatedOptions<Browse.DownloadOptions>(configuration, Browse.DownloadOptions.Section, Browse.DownloadOptions.Validate);
        services.AddSingleton<Browse.ExportSlots>();
        services.AddSingleton<Metadata.ISampleMetadata, Metadata.SampleMetadata>();
        return services;
    }
}

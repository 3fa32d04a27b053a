using FairDatabase.Core.Anonymization.Workspace.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Anonymization.Workspace;

public static class WorkspaceRegistration
{
    public static IServiceCollection AddAnonymizationWorkspace(this IServiceCollection services)
    {
        services.AddScoped<IAnonymizationWorkspaceStore, AnonymizationWorkspaceStore>();
        services.AddScoped<IStoredDatasetSource, StoredDatasetScanner>();
        services.AddScoped<IWorkingCopyLoader, WorkingCopyLoader>();
        services.AddSingleton<DecodedColumnCache>();
        services.AddScoped<IGeneralizationWorkflow, GeneralizationWorkflow>();
        services.AddScoped<IPrivacyWorkbench, PrivacyWorkbench>();
        services.AddScoped<IWorkingCopyPublisher, WorkingCopyPublisher>();
        services.AddScoped<IColumnChoiceMemory, ColumnChoiceMemory>();
        services.AddScoped<IPerturbationInspector, PerturbationInspector>();
        return services;
    }
}

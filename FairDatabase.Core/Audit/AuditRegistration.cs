using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Audit;

public static class AuditRegistration
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddSingleton<AuditStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddScoped<IAuditReader, AuditReader>();
        return services;
    }
}

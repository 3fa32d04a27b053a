using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Admin;

public static class AdminRegistration
{
    public static IServiceCollection AddAccountAdmin(this IServiceCollection services)
    {
        services.AddScoped<IAccountAdmin, AccountAdmin>();
        services.AddScoped<IInvitations, Invitations>();
        return services;
    }
}

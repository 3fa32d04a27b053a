using FairDatabase.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.ApiTokens;

public static class ApiTokenRegistration
{
    public static IServiceCollection AddApiTokens(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<ApiTokenOptions>(config, ApiTokenOptions.Section, ApiTokenOptions.Validate);
        services.AddScoped<IApiTokenService, ApiTokenService>();
        services.AddSingleton<IApiTokenResolver, ApiTokenResolver>();
        return services;
    }
}

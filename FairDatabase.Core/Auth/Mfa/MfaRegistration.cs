using FairDatabase.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Core.Auth.Mfa;

public static class MfaRegistration
{
    /// <summary>TOTP MFA: checked here in embedded mode, by GoTrue's factor endpoints in Supabase mode.</summary>
    public static IServiceCollection AddFairDatabaseMfa(this IServiceCollection services, IConfiguration config, bool supabaseMode)
    {
        services.AddValidatedOptions<MfaOptions>(config, MfaOptions.Section, MfaOptions.Validate);
        services.AddSingleton<MfaLedger>();
        if (supabaseMode)
        {
            // The typed GoTrue client is registered as IAuthService; the factor calls live on the same class.
            services.AddTransient(sp => (GoTrueAuthService)sp.GetRequiredService<IAuthService>());
            services.AddTransient<IMfaService, GoTrueMfaService>();
        }
        else
        {
            services.AddSingleton<IMfaService, EmbeddedMfaService>();
        }
        return services;
    }
}

using FairDatabase.Core.Auth.Mfa;
using FairDatabase.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Auth settings and the <see cref="IAuthService"/> for the configured mode.</summary>
    public static IServiceCollection AddFairDatabaseAuth(this IServiceCollection services, IConfiguration config)
    {
        var supabaseMode = config.GetSection(FairDatabaseOptions.Section).Get<FairDatabaseOptions>()?.Mode == DeploymentMode.Supabase;
        services.AddValidatedOptions<AuthOptions>(config, AuthOptions.Section, AuthOptions.Validate);
        services.AddValidatedOptions<SupabaseOptions>(config, SupabaseOptions.Section, o => SupabaseOptions.Validate(o, supabaseMode));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<ISessionDirectory, SessionDirectory>();
        services.AddFairDatabaseMfa(config, supabaseMode);

        if (!supabaseMode)
        {
            services.AddSingleton<IAuthService, EmbeddedAuthService>();
            return services;
        }

        services.AddHttpClient<IAuthService, GoTrueAuthService>((sp, http) =>
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SupabaseOptions>>().Value.Url.TrimEnd('/') + "/"))
            // Rotation makes a refresh unsafe to replay, as are sign-up and sign-in: retry only reads.
            .AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
        return services;
    }
}

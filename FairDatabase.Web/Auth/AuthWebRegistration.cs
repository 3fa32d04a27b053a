using FairDatabase.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using FairDatabase.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Auth;

internal static class AuthWebRegistration
{
    private const string PerPathScheme = "FairDatabase";

    /// <summary>Cookie sessions: key ring in PostgreSQL, the session cookie, the current user and its refresh logic.</summary>
    public static IServiceCollection AddFairDatabaseSessions(this IServiceCollection services)
    {
        // The key ring sits in a service_role-only table, not encrypted at rest: whoever can read
        // that table can already read every dataset.
        services.AddDataProtection().SetApplicationName("FairDatabase");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceRoleClient>())));
        services.AddSingleton<SessionCookie>();
        services.AddScoped<SessionAuthenticator>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IUserContext>(sp => sp.GetRequiredService<CurrentUser>());
        // Pages authenticate with the session cookie, /api with a bearer token and nothing else.
        services.AddAuthentication(PerPathScheme)
            .AddPolicyScheme(PerPathScheme, null, o => o.ForwardDefaultSelector = http =>
                Api.ApiProblems.IsApi(http.Request.Path) ? ApiTokenAuthenticationHandler.SchemeName : SessionCookieAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionCookieAuthenticationHandler>(SessionCookieAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        // Every page needs a session unless it says [AllowAnonymous] (sign-in, registration, errors).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(SessionCookieAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }
}

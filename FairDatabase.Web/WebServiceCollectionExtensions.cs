using FairDatabase.Web.Api;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Health;
using FairDatabase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web;

/// <summary>Everything the web tier registers and the order its middleware runs in.</summary>
internal static class WebServiceCollectionExtensions
{
    public static WebApplicationBuilder AddFairDatabaseWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            options.Filters.Add<DatabaseExceptionFilter>();
            options.Filters.Add<BodyLimitResultFilter>();
            options.Filters.Add<AuditFilter>();
        });
        services.AddFairDatabaseSessions();
        services.AddFairDatabaseRateLimits(builder.Configuration);
        services.AddFairDatabaseApi();
        services.AddFairDatabaseRequestLimits(builder.Configuration);
        services.AddFairDatabaseTransportSecurity(builder.Configuration);
        services.AddInstanceName(builder.Configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseFairDatabaseWeb(this WebApplication app)
    {
        app.UseFairDatabaseTransportSecurity();
        app.UseRequestIdHeader();
        app.UseInstanceName();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseSecurityHeaders(); // after the exception handler, which clears headers before the error page
        app.UseStaticFiles();
        app.UseNoStoreForDynamicResponses();
        app.UseRequestBodyLimits();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Load balancers poll from one address; the health check must not trip the per-client limit.
        app.MapHealthChecks("/healthz").DisableRateLimiting().AllowAnonymous();
        app.MapControllers();
        app.MapFairDatabaseApi();
        return app;
    }
}

using System.Threading.RateLimiting;
using FairDatabase.Core.ApiTokens;
using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Api;

/// <summary>The JSON API's parts besides its controllers: the per-token rate limit and the OpenAPI document.</summary>
internal static class ApiRegistration
{
    /// <summary>The per-token rate-limit policy every API controller names.</summary>
    public const string RatePolicy = "api-token";

    public static IServiceCollection AddFairDatabaseApi(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiTokenOptions>>((o, api) =>
            o.AddPolicy(RatePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                "api-token " + http.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = api.Value.PermitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        // The document's schemas follow the API's own JSON names.
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi("v1", ApiDocument.Configure);
        return services;
    }

    /// <summary>The document at /api/v1/openapi.json, readable without a token (it holds no data).</summary>
    public static WebApplication MapFairDatabaseApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        return app;
    }
}

using System.Security.Claims;
using System.Threading.RateLimiting;
using FairDatabase.Core.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Infrastructure;

/// <summary>Section <c>RateLimiting</c>: requests per minute per signed-in user, or per client address for visitors.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Sign-in and registration POSTs (each counted on its own).</summary>
    public int AuthPermitPerMinute { get; set; } = 5;

    /// <summary>Every page together, per signed-in user (per address for visitors).</summary>
    public int GlobalPermitPerMinute { get; set; } = 300;
}

internal static class RateLimits
{
    public const string AuthPolicy = "auth";

    public static IServiceCollection AddFairDatabaseRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<RateLimitingOptions>(config, RateLimitingOptions.Section, o =>
            new[] { (nameof(o.AuthPermitPerMinute), o.AuthPermitPerMinute), (nameof(o.GlobalPermitPerMinute), o.GlobalPermitPerMinute) }
                .Where(p => p.Item2 < 1)
                .Select(p => OptionsRegistration.Setting(RateLimitingOptions.Section, p.Item1, "must be at least 1")));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((o, settings) =>
        {
            var limits = settings.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                PerMinute(UserOrAddress(http), limits.GlobalPermitPerMinute));
            // Keyed by endpoint, not path: /AUTH/Login/ reaches the same action and must share its budget.
            o.AddPolicy(AuthPolicy, http => PerMinute(ClientAddress(http) + " " + http.GetEndpoint()?.DisplayName, limits.AuthPermitPerMinute));
            o.OnRejected = (context, ct) => WriteRejectionAsync(context.HttpContext, ct);
        });
        return services;
    }

    // Behind a proxy this is the proxy unless it is listed in ForwardedHeaders (see TransportSecurity).
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// A lab behind one NAT address must not share one budget: a signed-in request (authentication
    /// runs before the limiter) counts against its user, a visitor's against its address.
    /// </summary>
    private static string UserOrAddress(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? "user " + user
            : "address " + ClientAddress(http);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask WriteRejectionAsync(HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.RetryAfter = "60";
        if (Api.ApiProblems.IsApi(http.Request.Path))
        {
            await Api.ApiProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
                "This token (or account) has used its requests for this minute; wait for the Retry-After seconds, then try again.");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts - FairDatabase</title>
            <link rel="stylesheet" href="/lib/bootstrap/dist/css/bootstrap.min.css"></head>
            <body class="container py-5"><h1 class="h3">Too many attempts</h1>
            <p>Please wait a minute, then <a href="/">try again</a>.</p></body></html>
            """, ct);
    }
}

using System.Net;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Infrastructure;

/// <summary>Section <c>ForwardedHeaders</c>: the reverse proxies whose X-Forwarded-For/-Proto are believed.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. 127.0.0.1 for a balancer on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. 10.0.0.0/8.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    internal static IEnumerable<string> Validate(ForwardedHeadersSettings o)
    {
        foreach (var proxy in o.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return OptionsRegistration.Setting(Section, nameof(KnownProxies), $"has '{proxy}', which is not an IP address");
        foreach (var network in o.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            yield return OptionsRegistration.Setting(Section, nameof(KnownNetworks), $"has '{network}', which is not a CIDR network such as 10.0.0.0/8");
    }
}

/// <summary>
/// Transport: the client's address and scheme from configured proxies only (nobody else can
/// claim to be HTTPS or another address, which the per-address rate limits rely on), HSTS on
/// HTTPS responses, a redirect to HTTPS when the server has an HTTPS port (otherwise a plain-HTTP
/// request is told HTTPS is needed), and the antiforgery cookie named and secured like the session cookie.
/// </summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddFairDatabaseTransportSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<ForwardedHeadersSettings>(config, ForwardedHeadersSettings.Section, ForwardedHeadersSettings.Validate);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only what is configured: the framework's default trusts any loopback sender.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false; // the app does not know what else runs under its domain
        });
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            var secure = auth.Value.CookieSecure;
            o.Cookie.Name = secure ? "__Host-fairdb_antiforgery" : "fairdb_antiforgery";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.None;
            o.Cookie.Path = "/";
        });
        return services;
    }

    public static IApplicationBuilder UseFairDatabaseTransportSecurity(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        if (proxies.KnownProxies.Count + proxies.KnownNetworks.Count > 0) app.UseForwardedHeaders();
        app.UseHsts();
        app.UseHttpsRedirection();
        // Secure cookies never come back over plain HTTP: say so instead of failing obscurely.
        if (app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.CookieSecure)
            app.UseWhen(http => !http.Request.IsHttps && !http.Request.Path.StartsWithSegments("/healthz"), plain => plain.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return http.Response.WriteAsync(
                    "This server works over HTTPS only. For development on plain HTTP set Auth:CookieSecure=false (scripts/run.sh does).",
                    http.RequestAborted);
            }));
        return app;
    }
}

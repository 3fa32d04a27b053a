using FairDatabase.Core.Configuration;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Infrastructure;

/// <summary>Section <c>Instance</c>: how this app instance names itself behind a load balancer.</summary>
public sealed class InstanceOptions
{
    public const string Section = "Instance";

    /// <summary>Sent as <c>X-Instance</c> on every response; defaults to the host name.</summary>
    public string Name { get; set; } = Environment.MachineName;
}

/// <summary>
/// Every response names the instance that answered, so a request through the balancer can be
/// traced to one process (and tests can see that several instances served one user).
/// </summary>
internal static class InstanceName
{
    public const string Header = "X-Instance";

    public static IServiceCollection AddInstanceName(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<InstanceOptions>(config, InstanceOptions.Section, o =>
            // A header value: short, visible ASCII only.
            o.Name is { Length: > 0 and <= 64 } name && name.All(c => c is > ' ' and < (char)127)
                ? []
                : [OptionsRegistration.Setting(InstanceOptions.Section, nameof(o.Name), "must be 1-64 visible ASCII characters")]);
        return services;
    }

    public static IApplicationBuilder UseInstanceName(this IApplicationBuilder app)
    {
        var name = app.ApplicationServices.GetRequiredService<IOptions<InstanceOptions>>().Value.Name;
        return app.Use((http, next) =>
        {
            http.Response.Headers[Header] = name;
            return next(http);
        });
    }
}

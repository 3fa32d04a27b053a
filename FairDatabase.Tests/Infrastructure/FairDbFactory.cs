using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>
/// The real app against the test database; <paramref name="settings"/> override configuration and
/// <paramref name="services"/> may replace services (e.g. a <see cref="ManualClock"/> as TimeProvider).
/// Rate limits are set high by default because every test shares one client address; a test of
/// the limits sets them itself.
/// </summary>
public class FairDbFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly Action<IServiceCollection>? _services;

    public FairDbFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        // Clients speak HTTPS, as in production, so the Secure cookies travel.
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    /// <summary>Shared by every factory so that instances accept each other's tokens.</summary>
    public const string JwtSecret = "test-jwt-secret-of-at-least-32-bytes-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Database:ConnectionString", TestDatabase.AppConnectionString);
        builder.UseSetting("Database:MigrationConnectionString", TestDatabase.AdminConnectionString);
        builder.UseSetting("Auth:JwtSecret", JwtSecret);
        builder.UseSetting("RateLimiting:AuthPermitPerMinute", "100000");
        builder.UseSetting("RateLimiting:GlobalPermitPerMinute", "1000000");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>The real app against the test database; <paramref name="settings"/> override configuration.</summary>
public class FairDbFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Database:ConnectionString", TestDatabase.AppConnectionString);
        builder.UseSetting("Database:MigrationConnectionString", TestDatabase.AdminConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }
}

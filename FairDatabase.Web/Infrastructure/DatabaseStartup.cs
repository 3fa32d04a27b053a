using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Infrastructure;

internal static class DatabaseStartup
{
    /// <summary>Applies sql/ before the app takes requests (unless Database:ApplyMigrationsOnStart is false).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.ApplyMigrationsOnStart) return;
        var sqlDirectory = Path.Combine(app.Environment.ContentRootPath, options.SqlDirectory);
        if (!Directory.Exists(sqlDirectory))
            throw new InvalidOperationException($"Database:SqlDirectory '{sqlDirectory}' does not exist.");
        await app.Services.GetRequiredService<SqlMigrator>().MigrateAsync(sqlDirectory, app.Lifetime.ApplicationStopping);
    }
}

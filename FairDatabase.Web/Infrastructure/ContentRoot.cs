namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// appsettings.json, wwwroot/ and sql/ sit at the repository top and are copied next
/// to the binaries. Started from the repository root (<c>dotnet run --project FairDatabase.Web</c>)
/// the working directory has them; started any other way, the binaries' folder does.
/// </summary>
internal static class ContentRoot
{
    public static string? Locate(string[] args)
    {
        // A content root given explicitly (command line, WebApplicationFactory) wins.
        if (args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))) return null;
        if (Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }) return null;
        return HasAssets(Directory.GetCurrentDirectory()) ? Directory.GetCurrentDirectory() : AppContext.BaseDirectory;
    }

    private static bool HasAssets(string dir) =>
        File.Exists(Path.Combine(dir, "appsettings.json")) && Directory.Exists(Path.Combine(dir, "sql"))
        && Directory.Exists(Path.Combine(dir, "wwwroot"));
}

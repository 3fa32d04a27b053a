using Dapper;
using FairDatabase.Core.Data;
using Npgsql;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL 15 cluster that scripts/test.sh starts, migrated, with the app's
/// login role. Its URLs arrive in FAIRDB_TEST_ADMIN_URL and FAIRDB_TEST_APP_URL.
/// </summary>
public static class TestDatabase
{
    public static string AdminConnectionString { get; } = ConnectionStrings.Normalize(Required("FAIRDB_TEST_ADMIN_URL"));

    public static string AppConnectionString { get; } = ConnectionStrings.Normalize(Required("FAIRDB_TEST_APP_URL"));

    public static string SqlDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "sql");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set: run the tests through scripts/test.sh, which starts the test database.");

    public static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var c = new NpgsqlConnection(AdminConnectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>A user row straight in auth.users (for tests that need an owner, not a sign-in).</summary>
    public static async Task<Guid> CreateUserAsync(string? email = null)
    {
        await using var c = await OpenAdminAsync();
        return await c.ExecuteScalarAsync<Guid>(
            "INSERT INTO auth.users (email) VALUES (@email) RETURNING id",
            new { email = email ?? $"user-{Guid.NewGuid():N}@example.test" });
    }

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
}

public static class TestUsers
{
    /// <summary>The id of the account registered with <paramref name="email"/>.</summary>
    public static async Task<Guid> IdOfAsync(string email)
    {
        await using var c = await TestDatabase.OpenAdminAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<Guid>(c, "SELECT id FROM auth.users WHERE email = @email", new { email });
    }
}

using System.Text.Json;

namespace FairDatabase.Core.Data;

/// <summary>
/// Who a unit of database work runs as: the PostgreSQL role set with SET LOCAL ROLE and the JWT
/// claims placed in <c>request.jwt.claims</c>, exactly as PostgREST does for Supabase.
/// </summary>
public sealed record DbIdentity
{
    private DbIdentity(string role, string claimsJson, Guid? userId)
    {
        Role = role;
        ClaimsJson = claimsJson;
        UserId = userId;
    }

    /// <summary>One of the fixed role names below; never user input, so it can be spliced into SET ROLE.</summary>
    public string Role { get; }

    public string ClaimsJson { get; }

    public Guid? UserId { get; }

    public static DbIdentity ServiceRole { get; } = new("service_role", """{"role":"service_role"}""", null);

    public static DbIdentity Anonymous { get; } = new("anon", """{"role":"anon"}""", null);

    /// <summary>An authenticated user; <paramref name="claimsJson"/> are the validated token's claims.</summary>
    public static DbIdentity ForUser(Guid userId, string claimsJson)
    {
        using var doc = JsonDocument.Parse(claimsJson);
        if (!doc.RootElement.TryGetProperty("sub", out var sub) || sub.GetString() != userId.ToString())
            throw new ArgumentException("The claims' sub must be the user id.", nameof(claimsJson));
        return new DbIdentity("authenticated", claimsJson, userId);
    }

    /// <summary>Minimal claims for a user when no token is at hand (tests, background work).</summary>
    public static DbIdentity ForUser(Guid userId) =>
        ForUser(userId, JsonSerializer.Serialize(new { sub = userId.ToString(), role = "authenticated", aud = "authenticated" }));
}

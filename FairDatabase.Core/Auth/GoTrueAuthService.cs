using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Auth;

/// <summary>
/// Supabase mode: the project's GoTrue over HTTP (typed client; retries and timeouts come from the
/// resilience handler it is registered with). Tokens are still validated locally with the JWT
/// secret; GET /user then confirms the session has not been revoked.
/// </summary>
public sealed partial class GoTrueAuthService(HttpClient http, IOptions<SupabaseOptions> supabase, AccessTokens tokens) : IAuthService
{
    public async Task<AuthUser> SignUpAsync(string email, string password, CancellationToken ct)
    {
        email = Credentials.NormalizeEmail(email);
        using var doc = await SendAsync(HttpMethod.Post, "auth/v1/signup", new { email, password }, null, ct);
        // With e-mail confirmation on, GoTrue answers the bare user; with auto-confirm, a session holding it.
        var user = doc.RootElement.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : doc.RootElement;
        return ReadUser(user);
    }

    public async Task<AuthSession> SignInWithPasswordAsync(string email, string password, SessionClient client, CancellationToken ct)
    {
        email = Credentials.NormalizeEmail(email);
        using var doc = await SendAsync(HttpMethod.Post, "auth/v1/token?grant_type=password", new { email, password }, null, ct);
        return ReadSession(doc.RootElement) with { MfaRequired = HasVerifiedFactor(doc.RootElement.GetProperty("user")) };
    }

    public async Task<AuthSession> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        using var doc = await SendAsync(HttpMethod.Post, "auth/v1/token?grant_type=refresh_token", new { refresh_token = refreshToken }, null, ct);
        return ReadSession(doc.RootElement);
    }

    public async Task<AuthenticatedUser> GetUserAsync(string accessToken, CancellationToken ct)
    {
        var user = await tokens.ValidateAsync(accessToken);
        using var _ = await SendAsync(HttpMethod.Get, "auth/v1/user", null, accessToken, ct);
        return user;
    }

    public async Task SignOutAsync(string accessToken, CancellationToken ct)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Post, "auth/v1/logout?scope=local", null, accessToken, ct);
        }
        catch (AuthException e) when (e.Code is AuthErrorCode.SessionNotFound or AuthErrorCode.BadJwt)
        {
            // Already signed out: nothing left to revoke.
        }
    }

    /// <param name="serviceRole">Admin endpoints: the service-role key as apikey and bearer (never a user's request).</param>
    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, object? body, string? bearer, CancellationToken ct, bool serviceRole = false)
    {
        using var request = new HttpRequestMessage(method, path);
        var key = serviceRole ? supabase.Value.ServiceRoleKey : supabase.Value.AnonKey;
        request.Headers.Add("apikey", key);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer ?? key);
        if (body is not null) request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new AuthException(AuthErrorCode.Unavailable, "The sign-in service is not reachable right now.", e);
        }
        using (response)
        {
            var text = response.StatusCode == HttpStatusCode.NoContent ? "{}" : await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw GoTrueErrors.From(response.StatusCode, text, path);
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        }
    }

    private static AuthSession ReadSession(JsonElement root)
    {
        var expiresAt = root.TryGetProperty("expires_at", out var at) && at.TryGetInt64(out var unix)
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : DateTimeOffset.UtcNow.AddSeconds(root.GetProperty("expires_in").GetInt32());
        return new AuthSession(root.GetProperty("access_token").GetString()!, root.GetProperty("refresh_token").GetString()!,
            expiresAt, ReadUser(root.GetProperty("user")));
    }

    private static bool HasVerifiedFactor(JsonElement user) =>
        user.TryGetProperty("factors", out var factors) && factors.ValueKind == JsonValueKind.Array
        && factors.EnumerateArray().Any(f => f.TryGetProperty("status", out var s) && s.GetString() == "verified");

    private static AuthUser ReadUser(JsonElement user) =>
        new(user.GetProperty("id").GetGuid(), user.TryGetProperty("email", out var e) ? e.GetString() ?? "" : "");
}

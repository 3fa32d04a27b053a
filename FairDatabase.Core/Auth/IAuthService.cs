namespace FairDatabase.Core.Auth;

/// <summary>
/// Accounts and token pairs, GoTrue-style. Embedded mode answers from auth.* itself; Supabase
/// mode asks the project's GoTrue. Failures leave as <see cref="AuthException"/>.
/// </summary>
public interface IAuthService
{
    Task<AuthUser> SignUpAsync(string email, string password, CancellationToken ct);

    /// <param name="client">User agent and address recorded with the new session (embedded mode; GoTrue records its own).</param>
    Task<AuthSession> SignInWithPasswordAsync(string email, string password, SessionClient client, CancellationToken ct);

    /// <summary>Rotates the refresh token: the one presented is spent.</summary>
    Task<AuthSession> RefreshAsync(string refreshToken, CancellationToken ct);

    /// <summary>Validates the token and that its session is still alive.</summary>
    Task<AuthenticatedUser> GetUserAsync(string accessToken, CancellationToken ct);

    /// <summary>Revokes the token's session server-side.</summary>
    Task SignOutAsync(string accessToken, CancellationToken ct);
}

using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Auth;

/// <summary>
/// The app as its own GoTrue: accounts in auth.users (bcrypt), sessions in auth.sessions, hashed
/// rotating refresh tokens in auth.refresh_tokens. Runs as service_role: anon and authenticated
/// cannot read these tables.
/// </summary>
public sealed partial class EmbeddedAuthService(IServiceRoleClient db, AccessTokens tokens, IOptions<AuthOptions> options, TimeProvider time) : IAuthService
{
    // GoTrue hashes with bcrypt cost 10; a fixed hash to verify against keeps unknown emails as slow as known ones.
    private const int BcryptCost = 10;
    private static readonly string DummyHash = BCrypt.Net.BCrypt.HashPassword("not-a-password", BcryptCost);

    public async Task<AuthUser> SignUpAsync(string email, string password, CancellationToken ct)
    {
        email = Credentials.NormalizeEmail(email);
        Credentials.CheckEmail(email);
        Credentials.CheckPassword(password, options.Value.MinimumPasswordLength);
        var hash = BCrypt.Net.BCrypt.HashPassword(password, BcryptCost);
        var id = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<Guid?>(
            """
            INSERT INTO auth.users (email, encrypted_password, email_confirmed_at)
            VALUES (@email, @hash, now())
            ON CONFLICT (email) DO NOTHING RETURNING id
            """, new { email, hash }), ct);
        return id is { } userId
            ? new AuthUser(userId, email)
            : throw new AuthException(AuthErrorCode.UserAlreadyExists, "User already registered");
    }

    public async Task<AuthSession> SignInWithPasswordAsync(string email, string password, SessionClient client, CancellationToken ct)
    {
        email = Credentials.NormalizeEmail(email);
        var user = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<UserRow>(
            $"""
            SELECT {UserRow.Columns},
                   EXISTS (SELECT 1 FROM auth.mfa_factors f WHERE f.user_id = u.id AND f.status = 'verified') AS HasVerifiedFactor
            FROM auth.users u WHERE u.email = @email
            """, new { email }), ct);
        var verified = BCrypt.Net.BCrypt.Verify(password, user?.Hash ?? DummyHash);
        if (user is null || !verified || user.BannedUntil > time.GetUtcNow())
            throw AuthException.InvalidCredentials();
        ArgumentNullException.ThrowIfNull(client);

        var refreshToken = RefreshTokens.New();
        var sessionId = await db.RunAsync(s => s.ExecuteScalarAsync<Guid>(
            """
            WITH s AS (INSERT INTO auth.sessions (user_id, created_at, updated_at, user_agent, ip, not_after)
                       VALUES (@Id, @now, @now, left(@agent, 512), @ip::inet, @now + make_interval(hours => @lifetime)) RETURNING id),
                 t AS (INSERT INTO auth.refresh_tokens (token, user_id, session_id) SELECT @token, @Id, id FROM s),
                 a AS (INSERT INTO auth.mfa_amr_claims (session_id, authentication_method, created_at, updated_at) SELECT id, 'password', @now, @now FROM s),
                 u AS (UPDATE auth.users SET last_sign_in_at = now() WHERE id = @Id)
            SELECT id FROM s
            """, new { user.Id, token = RefreshTokens.Hash(refreshToken), now = time.GetUtcNow(), agent = client.UserAgent, ip = client.Ip?.ToString(),
                lifetime = options.Value.SessionLifetimeHours }), ct);
        return Pair(user, sessionId, refreshToken) with { MfaRequired = user.HasVerifiedFactor };
    }

    public async Task<AuthenticatedUser> GetUserAsync(string accessToken, CancellationToken ct)
    {
        var user = await tokens.ValidateAsync(accessToken);
        var alive = user.SessionId is { } sid && await db.RunAsync(s => s.ExecuteScalarAsync<bool>(
            $"""
            SELECT EXISTS (SELECT 1 FROM auth.sessions ses JOIN auth.users u ON u.id = ses.user_id
                           WHERE ses.id = @sid AND ses.user_id = @uid AND {SessionRules.Alive})
            """, SessionRules.Parameters(new { sid, uid = user.Id }, options.Value, time)), ct);
        return alive ? user : throw new AuthException(AuthErrorCode.SessionNotFound, "Session from session_id claim in JWT does not exist");
    }

    public async Task SignOutAsync(string accessToken, CancellationToken ct)
    {
        // An expired token still names the session to end; the signature proves it is ours.
        var user = await tokens.ValidateAsync(accessToken, allowExpired: true);
        if (user.SessionId is not { } sid) return;
        await db.RunAsync(s => s.ExecuteAsync("DELETE FROM auth.sessions WHERE id = @sid AND user_id = @uid", new { sid, uid = user.Id }), ct);
    }

    private AuthSession Pair(UserRow user, Guid sessionId, string refreshToken, SessionAssurance? assurance = null)
    {
        var (access, expires) = tokens.Issue(user.Id, user.Email, sessionId, user.AppMeta, user.UserMeta, assurance);
        return new AuthSession(access, refreshToken, expires, new AuthUser(user.Id, user.Email));
    }

    private class UserRow
    {
        public const string Columns =
            "u.id AS Id, u.email AS Email, u.encrypted_password AS Hash, u.raw_app_meta_data::text AS AppMeta, "
            + "u.raw_user_meta_data::text AS UserMeta, u.banned_until AS BannedUntil";

        public Guid Id { get; set; }

        public string Email { get; set; } = "";

        public string? Hash { get; set; }

        public string AppMeta { get; set; } = "{}";

        public string UserMeta { get; set; } = "{}";

        public DateTimeOffset? BannedUntil { get; set; }

        /// <summary>Read at password sign-in only.</summary>
        public bool HasVerifiedFactor { get; set; }
    }
}

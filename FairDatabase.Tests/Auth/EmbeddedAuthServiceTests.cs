using System.Text.Json;
using Dapper;
using FairDatabase.Core.Auth;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Auth;

public sealed class EmbeddedAuthServiceTests
{
    private const string Password = "s3cret-password";

    private static EmbeddedAuthService Service(int reuseIntervalSeconds = 10, TimeProvider? clock = null)
    {
        var options = Options.Create(new AuthOptions { JwtSecret = FairDbFactory.JwtSecret, RefreshTokenReuseIntervalSeconds = reuseIntervalSeconds });
        return new EmbeddedAuthService(Clients.ServiceRole(), new AccessTokens(options, clock ?? TimeProvider.System), options, clock ?? TimeProvider.System);
    }

    private static string Email() => $"User-{Guid.NewGuid():N}@Example.TEST";

    [Fact]
    public async Task Sign_up_stores_a_bcrypt_hash_under_the_lower_case_email()
    {
        var email = Email();
        var user = await Service().SignUpAsync(email, Password, default);

        await using var c = await TestDatabase.OpenAdminAsync();
        var row = await c.QuerySingleAsync<(string Email, string Hash)>(
            "SELECT email, encrypted_password FROM auth.users WHERE id = @Id", new { user.Id });
        Assert.Equal(email.ToLowerInvariant(), row.Email);
        Assert.StartsWith("$2", row.Hash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify(Password, row.Hash));
    }

    [Fact]
    public async Task Sign_in_issues_a_token_with_GoTrue_claims()
    {
        var service = Service();
        var email = Email();
        var user = await service.SignUpAsync(email, Password, default);
        var session = await service.SignInWithPasswordAsync(email.ToUpperInvariant(), Password, SessionClient.Unknown, default);

        using var claims = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(session.AccessToken.Split('.')[1]));
        var c = claims.RootElement;
        Assert.Equal(user.Id.ToString(), c.GetProperty("sub").GetString());
        Assert.Equal("authenticated", c.GetProperty("aud").GetString());
        Assert.Equal("authenticated", c.GetProperty("role").GetString());
        Assert.Equal(email.ToLowerInvariant(), c.GetProperty("email").GetString());
        Assert.Equal("aal1", c.GetProperty("aal").GetString());
        Assert.False(c.GetProperty("is_anonymous").GetBoolean());
        Assert.Equal("email", c.GetProperty("app_metadata").GetProperty("provider").GetString());
        Assert.Equal(JsonValueKind.Object, c.GetProperty("user_metadata").ValueKind);
        Assert.Equal("password", c.GetProperty("amr")[0].GetProperty("method").GetString());
        Assert.Equal(3600, c.GetProperty("exp").GetInt64() - c.GetProperty("iat").GetInt64());
        Assert.True(c.TryGetProperty("iss", out _));
        var validated = await service.GetUserAsync(session.AccessToken, default);
        Assert.Equal(c.GetProperty("session_id").GetString(), validated.SessionId.ToString());
    }

    [Fact]
    public async Task Refresh_tokens_are_random_and_stored_only_as_hashes()
    {
        var service = Service();
        var email = Email();
        await service.SignUpAsync(email, Password, default);
        var session = await service.SignInWithPasswordAsync(email, Password, SessionClient.Unknown, default);

        Assert.True(Convert.FromBase64String(session.RefreshToken.Replace('-', '+').Replace('_', '/') + "=").Length >= 16);
        await using var c = await TestDatabase.OpenAdminAsync();
        var stored = await c.QuerySingleAsync<string>("SELECT token FROM auth.refresh_tokens WHERE user_id = @Id", new { session.User.Id });
        Assert.NotEqual(session.RefreshToken, stored);
        Assert.Equal(64, stored.Length);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("ééééééééééééééééééééééééééééééééééééé")] // 37 characters, 74 bytes
    public async Task Weak_passwords_are_refused_with_the_reason(string password)
    {
        var e = await Assert.ThrowsAsync<AuthException>(() => Service().SignUpAsync(Email(), password, default));
        Assert.Equal(AuthErrorCode.WeakPassword, e.Code);
        Assert.Contains("Password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_in_any_case_is_refused()
    {
        var email = Email();
        await Service().SignUpAsync(email, Password, default);
        var e = await Assert.ThrowsAsync<AuthException>(() => Service().SignUpAsync(email.ToUpperInvariant(), Password, default));
        Assert.Equal(AuthErrorCode.UserAlreadyExists, e.Code);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_fail_the_same_way()
    {
        var service = Service();
        var email = Email();
        await service.SignUpAsync(email, Password, default);
        var wrong = await Assert.ThrowsAsync<AuthException>(() => service.SignInWithPasswordAsync(email, "not-the-password", SessionClient.Unknown, default));
        var unknown = await Assert.ThrowsAsync<AuthException>(() => service.SignInWithPasswordAsync(Email(), Password, SessionClient.Unknown, default));
        Assert.Equal(AuthErrorCode.InvalidCredentials, wrong.Code);
        Assert.Equal((wrong.Code, wrong.Message), (unknown.Code, unknown.Message));
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_the_parent_is_accepted_again_within_the_reuse_interval()
    {
        var service = Service(reuseIntervalSeconds: 600);
        var email = Email();
        await service.SignUpAsync(email, Password, default);
        var first = await service.SignInWithPasswordAsync(email, Password, SessionClient.Unknown, default);
        var second = await service.RefreshAsync(first.RefreshToken, default);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);

        // A concurrent request still holding the parent gets a valid pair, and the child stays usable.
        var concurrent = await service.RefreshAsync(first.RefreshToken, default);
        await service.GetUserAsync(concurrent.AccessToken, default);
        var third = await service.RefreshAsync(second.RefreshToken, default);
        await service.GetUserAsync(third.AccessToken, default);
    }

    [Fact]
    public async Task Reusing_a_spent_token_after_the_interval_revokes_the_whole_session()
    {
        var service = Service(reuseIntervalSeconds: 0);
        var email = Email();
        await service.SignUpAsync(email, Password, default);
        var first = await service.SignInWithPasswordAsync(email, Password, SessionClient.Unknown, default);
        var second = await service.RefreshAsync(first.RefreshToken, default);

        var reuse = await Assert.ThrowsAsync<AuthException>(() => service.RefreshAsync(first.RefreshToken, default));
        Assert.Equal(AuthErrorCode.RefreshTokenAlreadyUsed, reuse.Code);
        // The legitimate holder's tokens die with it: the thief cannot tell whose copy is whose.
        var child = await Assert.ThrowsAsync<AuthException>(() => service.RefreshAsync(second.RefreshToken, default));
        Assert.Equal(AuthErrorCode.SessionNotFound, child.Code);
        var access = await Assert.ThrowsAsync<AuthException>(() => service.GetUserAsync(second.AccessToken, default));
        Assert.Equal(AuthErrorCode.SessionNotFound, access.Code);
        await using var c = await TestDatabase.OpenAdminAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM auth.refresh_tokens WHERE user_id = @Id AND NOT revoked", new { second.User.Id }));
    }

    [Fact]
    public async Task Sign_out_ends_the_session_for_access_and_refresh_tokens()
    {
        var service = Service();
        var email = Email();
        await service.SignUpAsync(email, Password, default);
        var session = await service.SignInWithPasswordAsync(email, Password, SessionClient.Unknown, default);
        await service.SignOutAsync(session.AccessToken, default);

        Assert.Equal(AuthErrorCode.SessionNotFound,
            (await Assert.ThrowsAsync<AuthException>(() => service.GetUserAsync(session.AccessToken, default))).Code);
        Assert.Equal(AuthErrorCode.RefreshTokenNotFound,
            (await Assert.ThrowsAsync<AuthException>(() => service.RefreshAsync(session.RefreshToken, default))).Code);
    }

    [Fact]
    public async Task Expired_and_foreign_tokens_are_refused()
    {
        var clock = new ManualClock();
        var service = Service(clock: clock);
        var email = Email();
        await service.SignUpAsync(email, Password, default);
        var session = await service.SignInWithPasswordAsync(email, Password, SessionClient.Unknown, default);
        var foreignOptions = Options.Create(new AuthOptions { JwtSecret = new string('x', 40) });
        var foreign = new AccessTokens(foreignOptions, clock).Issue(session.User.Id, email, Guid.NewGuid(), "{}", "{}").Token;

        Assert.Equal(AuthErrorCode.BadJwt, (await Assert.ThrowsAsync<AuthException>(() => service.GetUserAsync(foreign, default))).Code);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(AuthErrorCode.BadJwt, (await Assert.ThrowsAsync<AuthException>(() => service.GetUserAsync(session.AccessToken, default))).Code);
    }
}

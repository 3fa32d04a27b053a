using System.Net;
using System.Text;
using FairDatabase.Core.Auth;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Auth;

/// <summary>The GoTrue client against recorded GoTrue-shaped answers (the one fake: no Supabase here).</summary>
public sealed class GoTrueAuthServiceTests
{
    private static readonly Guid UserId = Guid.Parse("8d2f6c0e-4a3b-4c2d-9e1f-0a1b2c3d4e5f");

    private sealed class Recorded(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(ct)));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private static (GoTrueAuthService Service, Recorded Handler, AccessTokens Tokens) Client(HttpStatusCode status, string body)
    {
        var handler = new Recorded(status, body);
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://project.supabase.test/") };
        var tokens = new AccessTokens(Options.Create(new AuthOptions { JwtSecret = FairDbFactory.JwtSecret }), TimeProvider.System);
        var supabase = Options.Create(new SupabaseOptions { Url = "https://project.supabase.test", AnonKey = "anon-key", ServiceRoleKey = "service-key" });
        return (new GoTrueAuthService(http, supabase, tokens), handler, tokens);
    }

    private static string SessionJson(string accessToken) => $$"""
        {"access_token":"{{accessToken}}","token_type":"bearer","expires_in":3600,"expires_at":1900000000,
         "refresh_token":"v2pzmvkvgh2q","user":{"id":"{{UserId}}","aud":"authenticated","role":"authenticated",
         "email":"someone@example.test","app_metadata":{"provider":"email"},"user_metadata":{} } }
        """;

    [Fact]
    public async Task Password_sign_in_posts_to_the_token_endpoint_with_the_api_key_and_reads_the_session()
    {
        var (service, handler, _) = Client(HttpStatusCode.OK, SessionJson("header.payload.sig"));
        var session = await service.SignInWithPasswordAsync("Someone@Example.test", "pw-123456", SessionClient.Unknown, default);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/auth/v1/token?grant_type=password", request.RequestUri!.PathAndQuery);
        Assert.Equal("anon-key", Assert.Single(request.Headers.GetValues("apikey")));
        Assert.Equal("Bearer anon-key", request.Headers.Authorization!.ToString());
        Assert.Contains("\"email\":\"someone@example.test\"", body, StringComparison.Ordinal);
        Assert.Equal(("header.payload.sig", "v2pzmvkvgh2q", UserId), (session.AccessToken, session.RefreshToken, session.User.Id));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), session.ExpiresAt);
    }

    [Fact]
    public async Task Refresh_posts_the_refresh_token_grant()
    {
        var (service, handler, _) = Client(HttpStatusCode.OK, SessionJson("a.b.c"));
        await service.RefreshAsync("old-refresh", default);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("/auth/v1/token?grant_type=refresh_token", request.RequestUri!.PathAndQuery);
        Assert.Equal("""{"refresh_token":"old-refresh"}""", body);
    }

    [Fact]
    public async Task Sign_up_reads_the_user_when_email_confirmation_is_on()
    {
        var (service, handler, _) = Client(HttpStatusCode.OK, $$"""{"id":"{{UserId}}","email":"someone@example.test","aud":"authenticated"}""");
        var user = await service.SignUpAsync("someone@example.test", "pw-123456", default);
        Assert.Equal(UserId, user.Id);
        Assert.Equal("/auth/v1/signup", handler.Requests[0].Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Get_user_validates_locally_then_asks_GoTrue_with_the_users_bearer_token()
    {
        var (service, handler, tokens) = Client(HttpStatusCode.OK, $$"""{"id":"{{UserId}}","email":"someone@example.test"}""");
        var (token, _) = tokens.Issue(UserId, "someone@example.test", Guid.NewGuid(), "{}", "{}");
        var user = await service.GetUserAsync(token, default);
        Assert.Equal(UserId, user.Id);
        var request = Assert.Single(handler.Requests).Request;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/auth/v1/user", request.RequestUri!.AbsolutePath);
        Assert.Equal("Bearer " + token, request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Logout_posts_with_the_users_bearer_token()
    {
        var (service, handler, _) = Client(HttpStatusCode.NoContent, "");
        await service.SignOutAsync("a.b.c", default);
        var request = Assert.Single(handler.Requests).Request;
        Assert.Equal("/auth/v1/logout", request.RequestUri!.AbsolutePath);
        Assert.Equal("Bearer a.b.c", request.Headers.Authorization!.ToString());
    }

    [Theory]
    [InlineData(422, """{"code":422,"error_code":"user_already_exists","msg":"User already registered"}""", AuthErrorCode.UserAlreadyExists)]
    [InlineData(422, """{"code":422,"error_code":"weak_password","msg":"Password should be at least 6 characters.","weak_password":{"reasons":["length"]}}""", AuthErrorCode.WeakPassword)]
    [InlineData(400, """{"code":"invalid_credentials","message":"Invalid login credentials"}""", AuthErrorCode.InvalidCredentials)]
    [InlineData(400, """{"code":400,"error_code":"refresh_token_already_used","msg":"Invalid Refresh Token: Already Used"}""", AuthErrorCode.RefreshTokenAlreadyUsed)]
    [InlineData(403, """{"code":"session_not_found","message":"Session from session_id claim in JWT does not exist"}""", AuthErrorCode.SessionNotFound)]
    [InlineData(400, """{"error":"invalid_grant","error_description":"Invalid login credentials"}""", AuthErrorCode.InvalidCredentials)]
    [InlineData(502, "<html>Bad gateway</html>", AuthErrorCode.Unavailable)]
    public async Task GoTrue_errors_map_to_the_same_domain_errors(int status, string body, AuthErrorCode expected)
    {
        var (service, _, _) = Client((HttpStatusCode)status, body);
        var e = await Assert.ThrowsAsync<AuthException>(() => service.SignInWithPasswordAsync("someone@example.test", "pw-123456", SessionClient.Unknown, default));
        Assert.Equal(expected, e.Code);
    }

    [Fact]
    public async Task The_weak_password_reason_reaches_the_user_and_wrong_credentials_read_like_the_embedded_server()
    {
        var weak = await Assert.ThrowsAsync<AuthException>(() => Client((HttpStatusCode)422,
            """{"code":422,"error_code":"weak_password","msg":"Password should be at least 6 characters."}""").Service.SignUpAsync("a@example.test", "x", default));
        Assert.Equal("Password should be at least 6 characters.", weak.Message);
        var wrong = await Assert.ThrowsAsync<AuthException>(() => Client(HttpStatusCode.BadRequest,
            """{"code":400,"error_code":"invalid_credentials","msg":"Invalid login credentials"}""").Service.SignInWithPasswordAsync("a@example.test", "x", SessionClient.Unknown, default));
        Assert.Equal("Invalid email or password", wrong.Message);
    }
}

using System.Net;
using System.Text;
using Dapper;
using FairDatabase.Core.Auth;
using FairDatabase.Core.Auth.Mfa;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Auth;

/// <summary>
/// Supabase mode's MFA against GoTrue-shaped answers (the one allowed fake: a remote GoTrue), with
/// our recovery codes and attempt limit in the real test database.
/// </summary>
[Collection(AppCollection.Name)] // the shared app migrates the database first
public sealed class GoTrueMfaTests
{
    private static readonly Guid FactorId = Guid.Parse("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");

    /// <summary>Answers by "METHOD /path"; records every request with its body.</summary>
    private sealed class FakeGoTrue(Dictionary<string, (HttpStatusCode Status, string Body)> routes) : HttpMessageHandler
    {
        public List<(string Route, HttpRequestMessage Request, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var route = $"{request.Method} {request.RequestUri!.PathAndQuery}";
            Requests.Add((route, request, request.Content is null ? null : await request.Content.ReadAsStringAsync(ct)));
            var (status, body) = routes.TryGetValue(route, out var answer) ? answer : (HttpStatusCode.NotFound, """{"code":404,"msg":"no route"}""");
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private sealed record Setup(GoTrueMfaService Mfa, GoTrueAuthService GoTrue, FakeGoTrue Handler, MfaCaller Caller, MfaLedger Ledger);

    private static Task<Setup> SetUpAsync(Dictionary<string, (HttpStatusCode, string)> routes) => SetUpForUserAsync(_ => routes);

    /// <param name="routes">Built for the new user's id (the admin endpoint names it).</param>
    private static async Task<Setup> SetUpForUserAsync(Func<Guid, Dictionary<string, (HttpStatusCode, string)>> routes)
    {
        var userId = Guid.NewGuid();
        await using (var c = await TestDatabase.OpenAdminAsync())
            await c.ExecuteAsync("INSERT INTO auth.users (id, email) VALUES (@userId, @email)", new { userId, email = $"gotrue-{userId:N}@example.test" });
        var handler = new FakeGoTrue(routes(userId));
        var tokens = new AccessTokens(Options.Create(new AuthOptions { JwtSecret = FairDbFactory.JwtSecret }), TimeProvider.System);
        var gotrue = new GoTrueAuthService(new HttpClient(handler) { BaseAddress = new Uri("https://project.supabase.test/") },
            Options.Create(new SupabaseOptions { Url = "https://project.supabase.test", AnonKey = "anon-key", ServiceRoleKey = "service-key" }), tokens);
        var ledger = new MfaLedger(Clients.ServiceRole(), Options.Create(new MfaOptions()), TimeProvider.System);
        var user = new AuthenticatedUser(userId, "someone@example.test", Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1), "{}");
        var caller = new MfaCaller(user, new SessionTokens("user-access-token", "user-refresh-token"), IPAddress.Loopback);
        return new Setup(new GoTrueMfaService(gotrue, ledger, Options.Create(new MfaOptions())), gotrue, handler, caller, ledger);
    }

    private static (HttpStatusCode, string) UserWithFactor(string status) =>
        (HttpStatusCode.OK, $$"""{"id":"{{Guid.NewGuid()}}","email":"someone@example.test","factors":[{"id":"{{FactorId}}","factor_type":"totp","status":"{{status}}","friendly_name":"app"}]}""");

    private static (HttpStatusCode, string) Session(string accessToken) => (HttpStatusCode.OK,
        $$"""{"access_token":"{{accessToken}}","token_type":"bearer","expires_in":3600,"expires_at":1900000000,"refresh_token":"r2","user":{"id":"{{Guid.NewGuid()}}","email":"someone@example.test"} }""");

    private static readonly (HttpStatusCode, string) Challenge = (HttpStatusCode.OK, """{"id":"c0ffee00-0000-4000-8000-000000000001","type":"totp","expires_at":1900000000}""");

    [Fact]
    public async Task Password_sign_in_of_a_user_with_a_verified_factor_needs_the_second_step()
    {
        var (_, body) = Session("a.b.c");
        var withFactor = body.Replace("\"email\":\"someone@example.test\"}", $$"""
            "email":"someone@example.test","factors":[{"id":"{{FactorId}}","factor_type":"totp","status":"verified"}]}
            """.Trim(), StringComparison.Ordinal);
        var s = await SetUpAsync(new() { ["POST /auth/v1/token?grant_type=password"] = (HttpStatusCode.OK, withFactor) });
        Assert.True((await s.GoTrue.SignInWithPasswordAsync("someone@example.test", "pw-123456", SessionClient.Unknown, default)).MfaRequired);
    }

    [Fact]
    public async Task Enrolling_posts_a_totp_factor_with_the_users_bearer_token_and_renders_our_QR_code_of_its_uri()
    {
        var s = await SetUpAsync(new()
        {
            ["GET /auth/v1/user"] = (HttpStatusCode.OK, """{"id":"x","factors":[]}"""),
            ["POST /auth/v1/factors"] = (HttpStatusCode.OK, $$"""
                {"id":"{{FactorId}}","type":"totp","friendly_name":"app","totp":{"qr_code":"data:image/svg+xml;utf-8,<svg/>","secret":"JBSWY3DPEHPK3PXP","uri":"otpauth://totp/FairDatabase:someone?secret=JBSWY3DPEHPK3PXP&issuer=FairDatabase"} }
                """),
        });
        var enrolment = await s.Mfa.EnrolAsync(s.Caller, default);

        Assert.Equal((FactorId, "JBSWY3DPEHPK3PXP"), (enrolment.FactorId, enrolment.Secret));
        Assert.StartsWith("data:image/png;base64,", enrolment.QrCodeDataUri, StringComparison.Ordinal);
        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", enrolment.ToString(), StringComparison.Ordinal);
        var (_, request, body) = Assert.Single(s.Handler.Requests, r => r.Route == "POST /auth/v1/factors");
        Assert.Equal("Bearer user-access-token", request.Headers.Authorization!.ToString());
        Assert.Contains("\"factor_type\":\"totp\"", body, StringComparison.Ordinal);
        Assert.Contains("\"issuer\":\"FairDatabase\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_challenges_then_verifies_and_issues_ten_recovery_codes()
    {
        var s = await SetUpAsync(new()
        {
            ["GET /auth/v1/user"] = UserWithFactor("unverified"),
            [$"POST /auth/v1/factors/{FactorId}/challenge"] = Challenge,
            [$"POST /auth/v1/factors/{FactorId}/verify"] = Session("aal2.token.sig"),
        });
        var confirmed = await s.Mfa.ConfirmAsync(s.Caller, "123 456", default);

        Assert.Equal("aal2.token.sig", confirmed.Session.AccessToken);
        Assert.Equal(10, confirmed.RecoveryCodes.Count);
        Assert.Equal(10, await s.Ledger.RecoveryCodesLeftAsync(s.Caller.User.Id, default));
        var verify = Assert.Single(s.Handler.Requests, r => r.Route.EndsWith("/verify", StringComparison.Ordinal));
        Assert.Equal("""{"challenge_id":"c0ffee00-0000-4000-8000-000000000001","code":"123456"}""", verify.Body);
    }

    [Fact]
    public async Task A_code_GoTrue_refuses_is_a_wrong_code_counted_toward_the_limit_after_which_GoTrue_is_not_asked()
    {
        var s = await SetUpAsync(new()
        {
            ["GET /auth/v1/user"] = UserWithFactor("verified"),
            [$"POST /auth/v1/factors/{FactorId}/challenge"] = Challenge,
            [$"POST /auth/v1/factors/{FactorId}/verify"] = ((HttpStatusCode)422, """{"code":422,"error_code":"mfa_verification_failed","msg":"Invalid TOTP code entered"}"""),
        });
        for (var i = 0; i < 5; i++)
            Assert.Equal(MfaErrorCode.WrongCode, (await Assert.ThrowsAsync<MfaException>(() => s.Mfa.CompleteSignInAsync(s.Caller, "000000", default))).Code);
        var verifies = s.Handler.Requests.Count(r => r.Route.EndsWith("/verify", StringComparison.Ordinal));

        var limited = await Assert.ThrowsAsync<MfaException>(() => s.Mfa.CompleteSignInAsync(s.Caller, "000000", default));
        Assert.Equal(MfaErrorCode.TooManyAttempts, limited.Code);
        Assert.Equal(5, verifies);
        Assert.Equal(verifies, s.Handler.Requests.Count(r => r.Route.EndsWith("/verify", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_recovery_code_removes_the_factor_with_the_service_key_then_refreshes_and_the_codes_are_spent()
    {
        var s = await SetUpForUserAsync(userId => new()
        {
            ["GET /auth/v1/user"] = UserWithFactor("verified"),
            [$"DELETE /auth/v1/admin/users/{userId}/factors/{FactorId}"] = (HttpStatusCode.OK, "{}"),
            ["POST /auth/v1/token?grant_type=refresh_token"] = Session("after.recovery.sig"),
        });
        var codes = await s.Ledger.IssueRecoveryCodesAsync(s.Caller.User.Id, default);

        var session = await s.Mfa.CompleteSignInAsync(s.Caller, codes[0], default);

        Assert.Equal("after.recovery.sig", session.AccessToken);
        var admin = Assert.Single(s.Handler.Requests, r => r.Route.StartsWith("DELETE /auth/v1/admin/", StringComparison.Ordinal));
        Assert.Equal("service-key", Assert.Single(admin.Request.Headers.GetValues("apikey")));
        Assert.Equal("Bearer service-key", admin.Request.Headers.Authorization!.ToString());
        Assert.Contains("user-refresh-token", Assert.Single(s.Handler.Requests, r => r.Route.Contains("refresh_token", StringComparison.Ordinal)).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Handler.Requests, r => r.Route.EndsWith("/verify", StringComparison.Ordinal)); // not a six-digit code
        Assert.Equal(0, await s.Ledger.RecoveryCodesLeftAsync(s.Caller.User.Id, default));
    }

    [Fact]
    public async Task Disabling_verifies_the_code_then_deletes_the_factor_with_the_new_aal2_token()
    {
        var s = await SetUpAsync(new()
        {
            ["GET /auth/v1/user"] = UserWithFactor("verified"),
            [$"POST /auth/v1/factors/{FactorId}/challenge"] = Challenge,
            [$"POST /auth/v1/factors/{FactorId}/verify"] = Session("aal2.token.sig"),
            [$"DELETE /auth/v1/factors/{FactorId}"] = (HttpStatusCode.OK, $$"""{"id":"{{FactorId}}"}"""),
        });
        var renewed = await s.Mfa.DisableAsync(s.Caller, "654321", default);

        Assert.Equal("aal2.token.sig", renewed!.AccessToken);
        var delete = Assert.Single(s.Handler.Requests, r => r.Route == $"DELETE /auth/v1/factors/{FactorId}");
        Assert.Equal("Bearer aal2.token.sig", delete.Request.Headers.Authorization!.ToString());
        Assert.Equal(["GET", "POST", "POST", "DELETE"], s.Handler.Requests.Select(r => r.Request.Method.Method));
    }
}

using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Auth;

[Collection(AppCollection.Name)]
public sealed class AuthPagesTests(AppFixture fixture)
{
    private BrowserSession Browser() => new(fixture.Factory);

    [Fact]
    public async Task A_new_user_registers_signs_in_reaches_the_dashboard_signs_out_and_is_then_sent_back_to_the_start()
    {
        using var browser = Browser();
        var email = BrowserSession.NewEmail();

        var registered = await browser.RegisterAsync(email, BrowserSession.DefaultPassword);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/auth/login", registered.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var signedIn = await browser.SignInAsync(email, BrowserSession.DefaultPassword);
        Assert.Equal("/dashboard", signedIn.Headers.Location!.OriginalString);

        var dashboard = await browser.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(email, (await BrowserSession.ParseAsync(dashboard)).QuerySelector("[data-testid=user-email]")!.TextContent);

        var signedOut = await browser.PostFormAsync("/dashboard", new(), "/auth/logout"); // the nav's sign-out form
        Assert.Equal("/", signedOut.Headers.Location!.OriginalString);
        Assert.Null(browser.SessionCookie);
        var after = await browser.Client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/", after.Headers.Location!.OriginalString);
        await using var c = await TestDatabase.OpenAdminAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id WHERE u.email = @email", new { email }));
    }

    [Fact]
    public async Task The_start_page_is_the_sign_in_form_when_signed_out_and_redirects_to_the_dashboard_when_signed_in()
    {
        using var visitor = Browser();
        var page = await visitor.GetDocumentAsync("/");
        var form = page.QuerySelector("form[method=post][action='/auth/login']");
        Assert.NotNull(form);
        Assert.NotNull(form.QuerySelector("input[name=email]"));
        Assert.NotNull(form.QuerySelector("input[name=password][type=password]"));

        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var home = await member.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/dashboard", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Registering_an_existing_email_answers_409_with_a_message()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var browser = Browser();
        var response = await browser.RegisterAsync(member.Email!.ToUpperInvariant(), BrowserSession.DefaultPassword);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already registered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/auth/register", "email")]
    [InlineData("/auth/register", "password")]
    [InlineData("/auth/login", "email")]
    [InlineData("/auth/login", "password")]
    public async Task A_missing_field_answers_400_and_redisplays_the_form(string page, string missing)
    {
        using var browser = Browser();
        var fields = new Dictionary<string, string> { ["email"] = BrowserSession.NewEmail(), ["password"] = BrowserSession.DefaultPassword };
        fields.Remove(missing);
        var response = await browser.PostFormAsync(page, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var doc = await BrowserSession.ParseAsync(response);
        Assert.Contains("is required", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("form input[name=password]"));
    }

    [Fact]
    public async Task A_weak_password_answers_400_with_the_reason_and_keeps_the_email_but_not_the_password()
    {
        using var browser = Browser();
        var email = BrowserSession.NewEmail();
        var response = await browser.RegisterAsync(email, "short");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var doc = await BrowserSession.ParseAsync(response);
        Assert.Contains("at least 8 characters", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, doc.QuerySelector("input[name=email]")!.GetAttribute("value"));
        Assert.Null(doc.QuerySelector("input[name=password]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Wrong_credentials_answer_400_without_revealing_whether_the_account_exists()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var browser = Browser();
        var wrongPassword = await browser.SignInAsync(member.Email!, "not-the-password");
        var unknownEmail = await browser.SignInAsync(BrowserSession.NewEmail(), "not-the-password");

        foreach (var response in new[] { wrongPassword, unknownEmail })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Invalid email or password", (await BrowserSession.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent,
                StringComparison.Ordinal);
        }
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task A_POST_without_an_antiforgery_token_answers_400()
    {
        using var browser = Browser();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@example.test", ["password"] = "whatever-pw" });
        var response = await browser.Client.PostAsync("/auth/login", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_again_ends_the_previous_session()
    {
        using var member = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var again = await member.SignInAsync(member.Email!, BrowserSession.DefaultPassword);
        Assert.Equal("/dashboard", again.Headers.Location!.OriginalString);

        await using var c = await TestDatabase.OpenAdminAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id WHERE u.email = @Email", new { member.Email }));
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/dashboard")).StatusCode);
    }
}

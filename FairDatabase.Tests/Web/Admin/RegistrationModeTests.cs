using System.Net;
using Dapper;
using FairDatabase.Core.Auth;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Admin;

/// <summary>Auth:RegistrationMode: invite (one-use links from an admin, optionally for one e-mail) and closed.</summary>
[Collection(AppCollection.Name)]
public sealed class RegistrationModeTests(AppFixture fixture)
{
    private static async Task<long> AccountsAsync(string email)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM auth.users WHERE email = @email", new { email });
    }

    /// <summary>A registration POST with the token of the sign-in form (the register page shows no form when registration is not open to the visitor).</summary>
    private static async Task<HttpResponseMessage> RegisterAsync(BrowserSession visitor, string email, string? invite = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = BrowserSession.DefaultPassword,
            ["__RequestVerificationToken"] = await visitor.GetAntiforgeryTokenAsync("/auth/login"),
        };
        if (invite is not null) fields["invite"] = invite;
        using var content = new FormUrlEncodedContent(fields);
        return await visitor.Client.PostAsync("/auth/register", content);
    }

    [Fact]
    public async Task In_invite_mode_only_a_valid_unused_invitation_registers_an_account_and_only_once()
    {
        using var adminAccount = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await AdminPagesTests.GrantAdminAsync(adminAccount.Email!);
        await using var app = new FairDbFactory(new Dictionary<string, string?> { ["Auth:RegistrationMode"] = "invite" });
        using var admin = new BrowserSession(app);
        await admin.SignInAsync(adminAccount.Email!, BrowserSession.DefaultPassword);

        var invitedEmail = BrowserSession.NewEmail();
        using var created = await admin.PostFormAsync("/admin", new() { ["email"] = invitedEmail }, "/admin/invitations");
        var link = (await BrowserSession.ParseAsync(created)).QuerySelector("#invitation-link")!.TextContent;
        var path = new Uri(link).PathAndQuery;
        var token = Uri.UnescapeDataString(path[(path.IndexOf("invite=", StringComparison.Ordinal) + 7)..]);

        using var visitor = new BrowserSession(app);
        Assert.NotNull((await visitor.GetDocumentAsync("/auth/register")).QuerySelector("#invitation-needed"));
        var noInvite = BrowserSession.NewEmail();
        using var withoutInvite = await RegisterAsync(visitor, noInvite);
        Assert.Equal(HttpStatusCode.Forbidden, withoutInvite.StatusCode);
        using var otherEmail = await RegisterAsync(visitor, noInvite, token);
        Assert.Equal(HttpStatusCode.Forbidden, otherEmail.StatusCode);
        Assert.Equal(0, await AccountsAsync(noInvite));

        using var registered = await visitor.PostFormAsync(path, new() { ["email"] = invitedEmail, ["password"] = BrowserSession.DefaultPassword, ["invite"] = token }, "/auth/register");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(1, await AccountsAsync(invitedEmail));
        using var sameAgain = await RegisterAsync(new BrowserSession(app), invitedEmail, token);
        Assert.Equal(HttpStatusCode.Forbidden, sameAgain.StatusCode);

        // A link for anyone works once.
        using var open = await admin.PostFormAsync("/admin", new() { ["email"] = "" }, "/admin/invitations");
        var openLink = new Uri((await BrowserSession.ParseAsync(open)).QuerySelector("#invitation-link")!.TextContent).Query;
        var openToken = Uri.UnescapeDataString(openLink[(openLink.IndexOf("invite=", StringComparison.Ordinal) + 7)..]);
        using var first = await RegisterAsync(new BrowserSession(app), BrowserSession.NewEmail(), openToken);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = BrowserSession.NewEmail();
        using var reused = await RegisterAsync(new BrowserSession(app), second, openToken);
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode);
        Assert.Equal(0, await AccountsAsync(second));
    }

    [Fact]
    public async Task In_closed_mode_nobody_registers()
    {
        await using var app = new FairDbFactory(new Dictionary<string, string?> { ["Auth:RegistrationMode"] = "closed" });
        using var visitor = new BrowserSession(app);
        var email = BrowserSession.NewEmail();

        Assert.NotNull((await visitor.GetDocumentAsync("/auth/register")).QuerySelector("#registration-closed"));
        using var response = await RegisterAsync(visitor, email);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await AccountsAsync(email));
    }

    [Fact]
    public void An_unknown_mode_is_refused_at_start_with_the_settings_name()
    {
        var problems = AuthOptions.Validate(new AuthOptions { JwtSecret = FairDbFactory.JwtSecret, RegistrationMode = "sometimes" }).ToList();
        Assert.Contains(problems, p => p.Contains("Auth:RegistrationMode", StringComparison.Ordinal));
        Assert.Empty(AuthOptions.Validate(new AuthOptions { JwtSecret = FairDbFactory.JwtSecret, RegistrationMode = "Invite" }));
    }
}

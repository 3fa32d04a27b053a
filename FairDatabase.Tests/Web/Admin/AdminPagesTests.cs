using System.Diagnostics;
using System.Net;
using FairDatabase.Tests.Anonymization.Web;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Admin;

/// <summary>/admin: admins only (others 404), account figures without data, bans that end sessions; an admin probing data sees nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class AdminPagesTests(AppFixture fixture)
{
    /// <summary>Makes the account an admin the documented way: scripts/db.sh grant-admin (test.sh exports the cluster's settings).</summary>
    internal static async Task GrantAdminAsync(string email)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "scripts", "db.sh"))) root = root.Parent;
        Assert.NotNull(root);
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root.FullName, "scripts", "db.sh"), "grant-admin", email])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }

    private static async Task<HttpResponseMessage> PostWithOwnTokenAsync(BrowserSession user, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await user.GetAntiforgeryTokenAsync("/dashboard", "/auth/logout");
        using var content = new FormUrlEncodedContent(fields);
        return await user.Client.PostAsync(action, content);
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_gets_the_answer_for_a_page_that_does_not_exist()
    {
        using var user = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var admin = await user.Client.GetAsync("/admin");
        using var nothing = await user.Client.GetAsync("/no-such-page-" + Guid.NewGuid().ToString("N"));
        using var ban = await PostWithOwnTokenAsync(user, "/admin/users/ban", new() { ["user_id"] = Guid.NewGuid().ToString(), ["until"] = "2099-01-01" });

        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        Assert.Equal(await nothing.Content.ReadAsStringAsync(), await admin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, ban.StatusCode);
    }

    [Fact]
    public async Task An_admin_sees_figures_but_probing_a_users_data_like_another_user_finds_nothing()
    {
        using var user = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var column = "admincol_" + Guid.NewGuid().ToString("N")[..6];
        var name = "adminprobe_" + Guid.NewGuid().ToString("N")[..6];
        var id = await TestUploads.UploadAsync(user, $"patient,{column}\nP1,very-private-value\n", name + ".csv");
        var table = (await user.GetDocumentAsync("/dashboard")).QuerySelector($"tr[data-dataset='{id}'] .name .small a")!.TextContent;
        using var admin = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await GrantAdminAsync(admin.Email!);

        using var adminPage = await admin.Client.GetAsync("/admin");
        var html = await adminPage.Content.ReadAsStringAsync();
        var row = (await BrowserSession.ParseAsync(adminPage)).QuerySelectorAll("#accounts tr[data-user]")
            .Single(r => r.QuerySelector(".email")!.TextContent.Contains(user.Email!, StringComparison.Ordinal));
        Assert.Equal("1", row.QuerySelector(".datasets")!.TextContent);
        Assert.True(long.Parse(row.QuerySelector(".bytes")!.GetAttribute("data-bytes")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.DoesNotContain("very-private-value", html, StringComparison.Ordinal);
        Assert.DoesNotContain(table, html, StringComparison.Ordinal);

        // Probing as any other user would: every page answers as for data that does not exist.
        using var preview = await admin.Client.GetAsync("/dashboard/table_preview?table_name=" + table);
        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
        Assert.DoesNotContain(table, await (await admin.Client.GetAsync("/dashboard/search")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var display = await admin.PostFormAsync("/dashboard/search", new() { ["search"] = column }, "/dashboard/display");
        Assert.Equal(HttpStatusCode.NotFound, display.StatusCode);
        using var update = await admin.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = "1", ["column_name"] = column, ["new_value"] = "x" }, "/dashboard/update");
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        foreach (var path in new[] { $"/datasets/{id}/access", $"/datasets/{id}/audit", $"/datasets/{id}/audit?format=json" })
        {
            using var page = await admin.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain("very-private-value", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var workflow = await admin.PostAsync(AnonPages.Workflow, ("submit_button", "submit_dataset"), ("dataset", name));
        Assert.Equal(HttpStatusCode.NotFound, workflow.StatusCode);
    }

    [Fact]
    public async Task A_ban_ends_the_accounts_sessions_and_refuses_sign_in_until_it_is_lifted()
    {
        using var user = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var admin = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        await GrantAdminAsync(admin.Email!);
        var userId = (await TestUsers.IdOfAsync(user.Email!)).ToString();

        using var past = await admin.PostFormAsync("/admin", new() { ["user_id"] = userId, ["until"] = "2001-01-01" }, "/admin/users/ban");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        using var banned = await admin.PostFormAsync("/admin", new() { ["user_id"] = userId, ["until"] = "2099-01-01" }, "/admin/users/ban");
        Assert.Equal(HttpStatusCode.Redirect, banned.StatusCode);

        using var afterBan = await user.Client.GetAsync("/dashboard");
        Assert.NotEqual(HttpStatusCode.OK, afterBan.StatusCode);
        using var signIn = await new BrowserSession(fixture.Factory).SignInAsync(user.Email!, BrowserSession.DefaultPassword);
        Assert.NotEqual("/dashboard", signIn.Headers.Location?.OriginalString);

        using var unbanned = await admin.PostFormAsync("/admin", new() { ["user_id"] = userId }, "/admin/users/unban");
        Assert.Equal(HttpStatusCode.Redirect, unbanned.StatusCode);
        using var again = new BrowserSession(fixture.Factory);
        using var signInAgain = await again.SignInAsync(user.Email!, BrowserSession.DefaultPassword);
        Assert.Equal("/dashboard", signInAgain.Headers.Location?.OriginalString);
    }
}

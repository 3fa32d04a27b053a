using System.Net;
using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>
/// Database:CommandTimeoutSeconds reaches the statements pages run: a preview blocked behind a
/// lock held elsewhere is cut off and the browser gets the 504 page, and the table is intact.
/// </summary>
public sealed class CommandTimeoutPageTests : IClassFixture<CommandTimeoutPageTests.OneSecondApp>
{
    private readonly OneSecondApp _app;

    public CommandTimeoutPageTests(OneSecondApp app) => _app = app;

    public sealed class OneSecondApp() : FairDbFactory(new Dictionary<string, string?> { ["Database:CommandTimeoutSeconds"] = "1" });

    [Fact]
    public async Task A_statement_slower_than_the_command_timeout_answers_504()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(_app);
        var owner = await TestUsers.IdOfAsync(browser.Email!);
        var table = await TestTables.CreateAsync(owner, ["count"], ["s1", "5"]);
        var url = $"/dashboard/table_preview?table_name={table}";
        using (var unblocked = await browser.Client.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, unblocked.StatusCode);

        HttpResponseMessage blocked;
        await using (var admin = await TestDatabase.OpenAdminAsync())
        {
            await using var tx = await admin.BeginTransactionAsync();
            await admin.ExecuteAsync($"LOCK TABLE {SqlIdentifier.Qualified("_realtime", table)} IN ACCESS EXCLUSIVE MODE", transaction: tx);
            // A guard so that a timeout not applied fails the test instead of hanging it.
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            blocked = await browser.Client.GetAsync(url, guard.Token);
            await tx.RollbackAsync();
        }
        var page = await BrowserSession.ParseAsync(blocked);
        using var after = await browser.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.GatewayTimeout, blocked.StatusCode);
        Assert.Equal("504", page.QuerySelector("[data-status]")?.GetAttribute("data-status"));
        Assert.Equal("The database took too long to answer.", page.QuerySelector("[data-status] h1")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        blocked.Dispose();
    }
}

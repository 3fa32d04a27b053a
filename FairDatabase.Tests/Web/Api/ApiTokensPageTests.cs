using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using FairDatabase.Core.Audit;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Api;

/// <summary>/account/tokens: a token is shown once, only its hash is kept, bad input is refused, revoke is final and audited.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiTokensPageTests(AppFixture fixture)
{
    [Fact]
    public async Task A_token_is_shown_once_and_only_its_sha256_is_stored()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var created = await ApiTestClient.CreateTokenAsync(browser, "write", 30, "laptop scripts");

        Assert.Matches("^fdb_[A-Za-z0-9_-]{43}$", created.Token);
        using var again = await browser.Client.GetAsync("/account/tokens");
        var page = await again.Content.ReadAsStringAsync();
        Assert.DoesNotContain(created.Token, page, StringComparison.Ordinal);
        var row = (await BrowserSession.ParseAsync(again)).QuerySelector($"#tokens tr[data-token-id='{created.Id}']")!;
        Assert.Equal(["laptop scripts", "write"], row.QuerySelectorAll("td").Take(2).Select(c => c.TextContent));

        await using var c = await TestDatabase.OpenAdminAsync();
        var stored = await c.QuerySingleAsync<(byte[] Hash, string Whole, double Days)>(
            "SELECT token_hash, row_to_json(t)::text, extract(epoch FROM expires_at - created_at) / 86400 FROM fairdb.api_tokens t WHERE id = @id",
            new { id = created.Id });
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(created.Token)), stored.Hash);
        Assert.DoesNotContain(created.Token[4..], stored.Whole, StringComparison.Ordinal);
        Assert.InRange(stored.Days, 29.99, 30.01);
    }

    [Theory]
    [InlineData("", "read", "90", "name")]
    [InlineData("ok", "admin", "90", "scope")]
    [InlineData("ok", "read", "366", "expiry_days")]
    [InlineData("ok", "read", "0", "expiry_days")]
    [InlineData("ok", "read", "soon", "expiry_days")]
    public async Task A_bad_name_scope_or_lifetime_is_refused_with_the_field_marked_and_nothing_stored(string name, string scope, string days, string field)
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var response = await browser.PostFormAsync("/account/tokens", new() { ["name"] = name, ["scope"] = scope, ["expiry_days"] = days });
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"#create-token [name='{field}'].is-invalid"));
        Assert.Null(page.QuerySelector("#new-token"));
        Assert.Empty(page.QuerySelectorAll("#tokens tr[data-token-id]"));
    }

    [Fact]
    public async Task Revoking_is_the_owners_alone_and_both_are_audited_without_the_token()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var other = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var created = await ApiTestClient.CreateTokenAsync(owner);
        // Each page needs a revoke form left to take the antiforgery token from.
        var spare = await ApiTestClient.CreateTokenAsync(owner);
        await ApiTestClient.CreateTokenAsync(other);

        using var foreign = await other.PostFormAsync("/account/tokens", new() { ["token_id"] = created.Id.ToString() }, "/account/tokens/revoke");
        using var stillWorks = await ApiTestClient.Client(fixture.Factory, created.Token).GetAsync("/api/v1/datasets");
        using var revoked = await owner.PostFormAsync("/account/tokens", new() { ["token_id"] = created.Id.ToString() }, "/account/tokens/revoke");
        using var twice = await owner.PostFormAsync("/account/tokens", new() { ["token_id"] = created.Id.ToString() }, "/account/tokens/revoke");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Null((await BrowserSession.ParseAsync(revoked)).QuerySelector($"#tokens tr[data-token-id='{created.Id}']"));
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);

        await fixture.Factory.Services.GetRequiredService<IAuditLog>().FlushAsync(CancellationToken.None);
        await using var c = await TestDatabase.OpenAdminAsync();
        var rows = (await c.QueryAsync<(string Action, int Status, string? Detail)>(
            "SELECT action, status, detail FROM fairdb.audit_log WHERE user_id = (SELECT id FROM auth.users WHERE email = @email) AND action LIKE 'api_token%' ORDER BY id",
            new { email = owner.Email })).ToList();
        Assert.Equal(
            [("api_token_create", 200, $"token {created.Id}"), ("api_token_create", 200, $"token {spare.Id}"),
             ("api_token_revoke", 200, $"token {created.Id}"), ("api_token_revoke", 404, null)],
            rows);
        Assert.DoesNotContain(rows, r => r.Detail?.Contains(created.Token[4..], StringComparison.Ordinal) == true);
    }
}

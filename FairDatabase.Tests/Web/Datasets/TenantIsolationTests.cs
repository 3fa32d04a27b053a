using System.IO.Compression;
using System.Net;
using FairDatabase.Tests.Anonymization.Web;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>
/// User B tries user A's table names, column names and row ids on every page and learns nothing.
/// With sharing: A grants B read access; B gets exactly the read paths, C (no grant) nothing,
/// and after the revoke B nothing again on the very next request.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TenantIsolationTests(AppFixture fixture)
{
    [Fact]
    public async Task Another_user_learns_nothing_through_any_dashboard_page()
    {
        using var a = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var b = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var column = "secretcol_" + Guid.NewGuid().ToString("N")[..8];
        var table = await TestTables.CreateAsync(await TestUsers.IdOfAsync(a.Email!), [column], ["s1", "confidential-value"]);

        using var previewOfA = await b.Client.GetAsync("/dashboard/table_preview?table_name=" + table);
        using var previewOfNothing = await b.Client.GetAsync("/dashboard/table_preview?table_name=" + table + "_nope");
        var listing = await (await b.Client.GetAsync("/dashboard/search")).Content.ReadAsStringAsync();
        using var search = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column });
        using var display = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column }, "/dashboard/display");
        using var update = await b.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = "1", ["column_name"] = column, ["new_value"] = "tampered" }, "/dashboard/update");
        var searchHtml = await search.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, previewOfA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, previewOfNothing.StatusCode);
        var messageForMissing = Message(await previewOfNothing.Content.ReadAsStringAsync(), table + "_nope");
        Assert.NotEmpty(messageForMissing);
        Assert.Equal(messageForMissing, Message(await previewOfA.Content.ReadAsStringAsync(), table));
        Assert.DoesNotContain(table, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(table, searchHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, display.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.DoesNotContain("confidential-value", await previewOfA.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ownView = await a.GetDocumentAsync("/dashboard/table_preview?table_name=" + table);
        Assert.Contains("confidential-value", ownView.QuerySelectorAll("#preview td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task A_grantee_reads_but_cannot_change_or_reshare_and_a_user_without_a_grant_sees_nothing()
    {
        using var a = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var b = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var c = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var column = "sharedcol_" + Guid.NewGuid().ToString("N")[..8];
        var name = "shared_" + Guid.NewGuid().ToString("N")[..8];
        var id = await TestUploads.UploadAsync(a, $"patient,{column},sex\nP1,confidential-value,F\nP2,other,M\n", name + ".csv");
        var table = (await a.GetDocumentAsync("/dashboard")).QuerySelector($"tr[data-dataset='{id}'] .name .small a")!.TextContent;
        var access = $"/datasets/{id}/access";

        using var granted = await a.PostFormAsync(access, new() { ["email"] = b.Email! });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal([b.Email!], (await a.GetDocumentAsync(access)).QuerySelectorAll("#grantees .email").Select(e => e.TextContent));

        // B, the grantee: every read path.
        var dashboard = await b.GetDocumentAsync("/dashboard");
        var sharedRow = dashboard.QuerySelector($"#shared-datasets tr[data-dataset='{id}']");
        Assert.Equal(a.Email, sharedRow?.QuerySelector(".owner")?.TextContent);
        Assert.Null(dashboard.QuerySelector($"#datasets tr[data-dataset='{id}']"));
        var preview = await b.GetDocumentAsync("/dashboard/table_preview?table_name=" + table);
        Assert.Contains("confidential-value", preview.QuerySelectorAll("#preview td").Select(td => td.TextContent));
        using var search = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column });
        Assert.Contains(table, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var zip = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column }, "/dashboard/display");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Contains("confidential-value", await ZipTextAsync(zip), StringComparison.Ordinal);
        var started = await AnonPages.Ok(b.PostAsync(AnonPages.Workflow, ("submit_button", "submit_dataset"), ("dataset", name)));
        Assert.Equal(2, AnonPages.Step(started));

        // B may not change a cell, re-share, or manage access: answered as for a dataset that does not exist.
        using var update = await b.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = "1", ["column_name"] = column, ["new_value"] = "tampered" }, "/dashboard/update");
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        using var accessPage = await b.Client.GetAsync(access);
        using var missingPage = await b.Client.GetAsync($"/datasets/{Guid.NewGuid()}/access");
        Assert.Equal(HttpStatusCode.NotFound, accessPage.StatusCode);
        Assert.Equal(Message(await missingPage.Content.ReadAsStringAsync(), "\u0001"), Message(await accessPage.Content.ReadAsStringAsync(), "\u0001"));
        using var reshare = await PostWithOwnTokenAsync(b, access, new() { ["email"] = c.Email! });
        Assert.Equal(HttpStatusCode.NotFound, reshare.StatusCode);
        using var revokeByB = await PostWithOwnTokenAsync(b, access + "/revoke", new() { ["email"] = b.Email! });
        Assert.Equal(HttpStatusCode.NotFound, revokeByB.StatusCode);
        Assert.Contains("confidential-value", (await a.GetDocumentAsync("/dashboard/table_preview?table_name=" + table))
            .QuerySelectorAll("#preview td").Select(td => td.TextContent));

        // C, no grant: nothing on any page, and cannot grant itself.
        await AssertSeesNothingAsync(c, id, table, column, name);
        using var selfGrant = await PostWithOwnTokenAsync(c, access, new() { ["email"] = c.Email! });
        Assert.Equal(HttpStatusCode.NotFound, selfGrant.StatusCode);
        await AssertSeesNothingAsync(c, id, table, column, name);

        // A revokes: B sees nothing on its next request (its cached table list included); a second revoke is a 404.
        using var revoked = await a.PostFormAsync(access, new() { ["email"] = b.Email! }, access + "/revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await AssertSeesNothingAsync(b, id, table, column, name);
        using var again = await PostWithOwnTokenAsync(a, access + "/revoke", new() { ["email"] = b.Email! });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var unknown = await a.PostFormAsync(access, new() { ["email"] = BrowserSession.NewEmail() });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task AssertSeesNothingAsync(BrowserSession user, Guid id, string table, string column, string name)
    {
        var dashboard = await (await user.Client.GetAsync("/dashboard")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(table, dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), dashboard, StringComparison.Ordinal);
        using var preview = await user.Client.GetAsync("/dashboard/table_preview?table_name=" + table);
        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
        Assert.DoesNotContain(table, await (await user.Client.GetAsync("/dashboard/search")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var display = await user.PostFormAsync("/dashboard/search", new() { ["search"] = column }, "/dashboard/display");
        Assert.Equal(HttpStatusCode.NotFound, display.StatusCode);
        using var accessPage = await user.Client.GetAsync($"/datasets/{id}/access");
        Assert.Equal(HttpStatusCode.NotFound, accessPage.StatusCode);
        using var workflow = await user.PostAsync(AnonPages.Workflow, ("submit_button", "submit_dataset"), ("dataset", name));
        Assert.Equal(HttpStatusCode.NotFound, workflow.StatusCode);
    }

    /// <summary>Posts with the session's antiforgery token taken from the sign-out form (the user has no form for this URL).</summary>
    private static async Task<HttpResponseMessage> PostWithOwnTokenAsync(BrowserSession user, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await user.GetAntiforgeryTokenAsync("/dashboard", "/auth/logout");
        using var content = new FormUrlEncodedContent(fields);
        return await user.Client.PostAsync(action, content);
    }

    private static async Task<string> ZipTextAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var text = new System.Text.StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }

    /// <summary>What the page says, with the asked-for name blanked out, so two answers can be compared.</summary>
    private static string Message(string html, string askedFor)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var alert = doc.QuerySelector("main .alert");
        alert?.QuerySelector("code")?.Remove(); // the request id differs per request
        return (alert?.TextContent ?? "").Replace(askedFor, "", StringComparison.Ordinal).Trim();
    }
}

using System.Net;
using System.Text.Json;
using FairDatabase.Core.Audit;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Audit;

/// <summary>Audit rows for what users do, the X-Request-Id they carry, and who may read them.</summary>
[Collection(AppCollection.Name)]
public sealed class AuditTrailTests(AppFixture fixture)
{
    private Task FlushAsync() => fixture.Factory.Services.GetRequiredService<IAuditLog>().FlushAsync(CancellationToken.None);

    private static async Task<List<JsonElement>> EventsAsync(BrowserSession user, string path)
    {
        using var response = await user.Client.GetAsync(path + "?format=json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_the_users_activity_records_it_with_status_and_duration()
    {
        using var a = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var id = await TestUploads.UploadAsync(a, "patient,taxon\nP1,3\n", "activity_" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        var table = (await a.GetDocumentAsync("/dashboard")).QuerySelector($"tr[data-dataset='{id}'] .name .small a")!.TextContent;
        using var preview = await a.Client.GetAsync("/dashboard/table_preview?table_name=" + table);
        using var missing = await a.Client.GetAsync("/dashboard/table_preview?table_name=no_such_table");
        using var home = await a.Client.GetAsync("/healthz");
        await FlushAsync();
        var events = await EventsAsync(a, "/account/activity");

        var requestId = Assert.Single(preview.Headers.GetValues("X-Request-Id"));
        Assert.NotEqual(requestId, Assert.Single(missing.Headers.GetValues("X-Request-Id")));
        Assert.True(home.Headers.Contains("X-Request-Id"));
        var row = Assert.Single(events, e => e.GetProperty("requestId").GetString() == requestId);
        Assert.Equal(("preview", table, 200), (row.GetProperty("action").GetString(), row.GetProperty("tableName").GetString(), row.GetProperty("status").GetInt32()));
        Assert.True(row.GetProperty("durationMs").GetInt32() >= 0);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "preview" && e.GetProperty("status").GetInt32() == 404);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "upload" && e.GetProperty("status").GetInt32() == 302);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "sign_in");
        var page = await a.GetDocumentAsync("/account/activity");
        Assert.Contains(requestId, page.QuerySelectorAll("#events .request-id").Select(c => c.TextContent));
    }

    [Fact]
    public async Task The_owner_reads_a_grantees_reads_of_its_dataset_and_nobody_else_reads_that_trail()
    {
        using var a = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var b = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var c = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var column = "auditcol_" + Guid.NewGuid().ToString("N")[..6];
        var id = await TestUploads.UploadAsync(a, $"patient,{column}\nP1,3\n", "audited_" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        var table = (await a.GetDocumentAsync("/dashboard")).QuerySelector($"tr[data-dataset='{id}'] .name .small a")!.TextContent;
        using var granted = await a.PostFormAsync($"/datasets/{id}/access", new() { ["email"] = b.Email! });
        using var preview = await b.Client.GetAsync("/dashboard/table_preview?table_name=" + table);
        using var download = await b.PostFormAsync("/dashboard/search", new() { ["search"] = column }, "/dashboard/display");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (preview.StatusCode, download.StatusCode));
        await FlushAsync();

        var trail = await EventsAsync(a, $"/datasets/{id}/audit");
        Assert.Contains(trail, e => e.GetProperty("action").GetString() == "upload" && e.GetProperty("email").GetString() == a.Email);
        Assert.Contains(trail, e => e.GetProperty("action").GetString() == "share" && e.GetProperty("detail").GetString() == b.Email);
        Assert.Contains(trail, e => e.GetProperty("action").GetString() == "preview" && e.GetProperty("email").GetString() == b.Email
            && e.GetProperty("requestId").GetString() == preview.Headers.GetValues("X-Request-Id").Single());
        Assert.Contains(trail, e => e.GetProperty("action").GetString() == "download" && e.GetProperty("email").GetString() == b.Email
            && e.GetProperty("tableName").GetString() == table);
        var html = await a.GetDocumentAsync($"/datasets/{id}/audit");
        Assert.Contains(b.Email, html.QuerySelectorAll("#events .who").Select(w => w.TextContent));

        // The grantee, a stranger and a made-up id: one and the same 404.
        using var byGrantee = await b.Client.GetAsync($"/datasets/{id}/audit?format=json");
        using var byStranger = await c.Client.GetAsync($"/datasets/{id}/audit");
        using var madeUp = await a.Client.GetAsync($"/datasets/{Guid.NewGuid()}/audit");
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { byGrantee.StatusCode, byStranger.StatusCode, madeUp.StatusCode });
        var madeUpMessage = (await BrowserSession.ParseAsync(madeUp)).QuerySelector("main .alert h1")?.TextContent;
        Assert.False(string.IsNullOrEmpty(madeUpMessage));
        Assert.Equal(madeUpMessage, (await BrowserSession.ParseAsync(byGrantee)).QuerySelector("main .alert h1")?.TextContent);
        Assert.DoesNotContain("\"action\"", await byGrantee.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(table, await byStranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await EventsAsync(c, "/account/activity"), e => e.GetProperty("tableName").GetString() == table);
    }
}

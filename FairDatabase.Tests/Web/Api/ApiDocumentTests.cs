using System.Net;
using FairDatabase.Core.Audit;
using FairDatabase.Tests.Infrastructure;
using FairDatabase.Tests.Web.Releases;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web.Api;

/// <summary>The OpenAPI document, the releases routes, unknown API routes and the audit rows every call leaves.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiDocumentTests(AppFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_lists_every_api_route_and_only_those_with_the_bearer_scheme()
    {
        using var response = await ApiTestClient.Client(fixture.Factory, null).GetAsync("/api/v1/openapi.json");
        var document = await ApiTestClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(m => m.Name).ToHashSet());
        Assert.Equal(
            new Dictionary<string, HashSet<string>>
            {
                ["/api/v1/datasets"] = ["get", "post"],
                ["/api/v1/datasets/{id}"] = ["get"],
                ["/api/v1/datasets/{id}/data.csv"] = ["get"],
                ["/api/v1/releases"] = ["get"],
                ["/api/v1/releases/{id}"] = ["get"],
            },
            paths);
        var upload = document.GetProperty("paths").GetProperty("/api/v1/datasets").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(upload.TryGetProperty("multipart/form-data", out _) && upload.TryGetProperty("text/csv", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(document.GetProperty("security")[0].TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Release_routes_need_a_token_list_the_callers_releases_and_hide_others()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var bob = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var aliceApi = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice)).Token);
        using var bobApi = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(bob)).Token);
        var dataset = await alice.SaveBalancedAsync("api_release_" + Guid.NewGuid().ToString("N")[..6]);
        var release = await alice.CreateReleaseAsync(dataset, title: "API-listed release");

        using var anonymous = await ApiTestClient.Client(fixture.Factory, null).GetAsync("/api/v1/releases");
        using var list = await aliceApi.GetAsync("/api/v1/releases");
        using var one = await aliceApi.GetAsync($"/api/v1/releases/{release}");
        using var missing = await aliceApi.GetAsync($"/api/v1/releases/{Guid.NewGuid()}");
        using var othersList = await bobApi.GetAsync("/api/v1/releases");
        using var others = await bobApi.GetAsync($"/api/v1/releases/{release}");

        await ApiTestClient.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        var listed = (await ApiTestClient.JsonAsync(list)).EnumerateArray().ToList();
        Assert.Equal([("API-listed release", release.ToString())],
            listed.Select(r => (r.GetProperty("title").GetString(), r.GetProperty("id").GetString())));
        var body = await ApiTestClient.JsonAsync(one);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(0.2, body.GetProperty("risk").GetProperty("prosecutor_highest").GetDouble(), 12);
        await ApiTestClient.AssertProblemAsync(missing, HttpStatusCode.NotFound);
        // A private release of someone else is missing, in the list and by id.
        Assert.Empty((await ApiTestClient.JsonAsync(othersList)).EnumerateArray());
        await ApiTestClient.AssertProblemAsync(others, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_the_sign_in_page()
    {
        using var response = await ApiTestClient.Client(fixture.Factory, null).GetAsync("/api/v1/nothing/here");

        Assert.Contains("openapi.json", await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_call_is_audited_with_the_token_id_and_never_the_token()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var id = await TestUploads.UploadAsync(alice, "patient,taxon\nP1,3\n", "audited_api_" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        var read = await ApiTestClient.CreateTokenAsync(alice, "read");
        using var client = ApiTestClient.Client(fixture.Factory, read.Token);
        using var list = await client.GetAsync("/api/v1/datasets");
        using var one = await client.GetAsync($"/api/v1/datasets/{id}");
        using var data = await client.GetAsync($"/api/v1/datasets/{id}/data.csv");
        using var refused = await client.PostAsync("/api/v1/datasets?name=x", new StringContent("a,b\n1,2\n", System.Text.Encoding.UTF8, "text/csv"));
        using var missing = await client.GetAsync($"/api/v1/datasets/{Guid.NewGuid()}");
        await fixture.Factory.Services.GetRequiredService<IAuditLog>().FlushAsync(CancellationToken.None);

        await using var c = await TestDatabase.OpenAdminAsync();
        var rows = (await c.QueryAsync<(string Action, int Status, Guid? Dataset, string? Detail, string? RequestId)>(
            """
            SELECT action, status, dataset_id, detail, request_id FROM fairdb.audit_log
            WHERE user_id = (SELECT id FROM auth.users WHERE email = @email) AND action LIKE 'api.%' ORDER BY id
            """, new { email = alice.Email })).ToList();

        Assert.Equal(
            [("api.datasets.list", 200), ("api.datasets.read", 200), ("api.datasets.download", 200), ("api.datasets.upload", 403), ("api.datasets.read", 404)],
            rows.Select(r => (r.Action, r.Status)));
        Assert.Equal((id, id), (rows[1].Dataset, rows[2].Dataset));
        Assert.All(rows, r => Assert.Equal($"token {read.Id}", r.Detail));
        Assert.Equal(Assert.Single(list.Headers.GetValues("X-Request-Id")), rows[0].RequestId);
    }
}

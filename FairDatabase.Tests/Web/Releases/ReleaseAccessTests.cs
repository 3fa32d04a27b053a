using System.Net;
using System.Security.Cryptography;
using FairDatabase.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>Who reaches a release: public ones without a session, private ones only owner and grantees; nothing changes one.</summary>
[Collection(AppCollection.Name)]
public sealed class ReleaseAccessTests(AppFixture fixture)
{
    [Fact]
    public async Task A_public_release_is_open_without_a_session_and_its_data_is_what_the_page_says()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var datasetId = await owner.SaveBalancedAsync("balanced-public");
        var releaseId = await owner.CreateReleaseAsync(datasetId, visibility: "public", title: "Balanced study");
        using var visitor = new BrowserSession(fixture.Factory);

        var (status, page) = await visitor.GetAsync($"/releases/{releaseId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Balanced study", page.Text("#release-title"));
        Assert.Equal("Ada Lovelace; Alan Turing", page.Text("#release-creators"));
        Assert.Equal("CC-BY-4.0", page.Text("#release-license"));
        Assert.Equal("microbiome, gut", page.Text("#release-keywords"));
        Assert.StartsWith("10 rows × 3 columns", page.Text("#release-size"), StringComparison.Ordinal);
        Assert.Equal("0.2", page.Text("#risk-prosecutor-highest"));
        Assert.NotNull(page.QuerySelector($"#release-files a[href='/releases/{releaseId}.zip']"));
        Assert.NotNull(page.QuerySelector($"#release-files a[href='/releases/{releaseId}/datapackage.json']"));
        Assert.NotNull(page.QuerySelector("#recipe-json"));
        Assert.NotNull(page.QuerySelector("#p29-none"));

        using var data = await visitor.Client.GetAsync($"/releases/{releaseId}/data.csv");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        var bytes = await data.Content.ReadAsByteArrayAsync();
        Assert.Contains($"data.csv {bytes.Length:N0} bytes", page.Text("#release-size"), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), page.Text("#release-sha256"));
        var rows = CsvRecords.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(["anonymized_row", "sex", "diagnosis"], rows[0]);
        Assert.Equal(11, rows.Count);
        Assert.Equal(5, rows.Count(r => r[1] == "F"));
    }

    [Fact]
    public async Task A_private_release_is_seen_by_its_owner_and_grantees_and_is_missing_for_everyone_else()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var grantee = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var stranger = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var visitor = new BrowserSession(fixture.Factory);
        var datasetId = await owner.SaveGeneralizedPeopleAsync("people-private");
        var releaseId = await owner.CreateReleaseAsync(datasetId, title: "Private study");
        var page = $"/releases/{releaseId}";

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page)).Status);
        Assert.Contains("Private study", (await owner.GetAsync("/releases")).Page.Text("#releases"), StringComparison.Ordinal);
        foreach (var outsider in new[] { stranger, visitor, grantee })
        {
            var (status, body) = await outsider.GetAsync(page);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("No such release.", body.Text("h1"));
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page + "/data.csv")).Status);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/releases/{Guid.NewGuid()}")).Status);
        Assert.DoesNotContain("Private study", (await stranger.GetAsync("/releases")).Page.Body!.TextContent, StringComparison.Ordinal);

        using var shared = await owner.PostFormAsync($"/datasets/{datasetId}/access", new() { ["email"] = grantee.Email! });
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        var granted = await grantee.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal("Private study", granted.Page.Text("#release-title"));
        using var data = await grantee.Client.GetAsync(page + "/data.csv");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Equal(6, CsvRecords.Parse(await data.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(page)).Status);
    }

    [Fact]
    public async Task Figures_use_the_source_dataset_generalized_the_same_way_as_population()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var sourceId = await TestUploads.UploadAsync(browser, PeopleCsv, $"src-{Guid.NewGuid():N}.csv");
        var sourceName = await SourceNameAsync(sourceId);
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_dataset"), ("dataset", sourceName)));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "name")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_missing_values"), ("columns_to_drop", "notes")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "age"), ("quasi_identifiers", "sex")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping"),
            ("mapping_34", "30s"), ("mapping_35", "30s"), ("mapping_61", "60s"), ("mapping_62", "60s"), ("mapping_70", "70s")));
        await Ok(browser.PostAsync(Workflow, ("submit_button", "submit_mapping")));
        // Processing removes the (70s, F) row (k = 1): the release keeps 4 of the population's 5 rows.
        await Ok(browser.PostAsync("/privacy/privacy_processing", ("quasi_identifiers", "age"), ("quasi_identifiers", "sex"),
            ("sensitive_attributes", "diagnosis"), ("k_min", "1"), ("l_min", "0"), ("t_max", "1")));
        await Ok(browser.PostAsync("/data/save_dataset", ("dataset_name", "people-processed")));
        var datasetId = await ReleaseTestKit.DatasetIdAsync(browser, "people-processed");

        var (status, page) = await browser.GetAsync($"/datasets/{datasetId}/release");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"the source dataset '{sourceName}'", page.Text("#population-reason"), StringComparison.Ordinal);
        Assert.Equal("4", page.Text("#risk-rows"));
        Assert.StartsWith("population: 5 rows (the source dataset", page.Text("#risk-population"), StringComparison.Ordinal);
        Assert.Equal("0.5", page.Text("#risk-prosecutor-highest"));
        Assert.Equal("0.5", page.Text("#risk-journalist"));   // F = 2 for both released classes
        Assert.Equal("0.5", page.Text("#risk-marketer"));     // (2/2 + 2/2) / 4
        Assert.NotNull(page.QuerySelector("#risk-drivers-none"));

        var releaseId = await browser.CreateReleaseAsync(datasetId);
        var landing = (await browser.GetAsync($"/releases/{releaseId}")).Page;
        Assert.Contains($"anonymized from '{sourceName}'", landing.Text("#release-lineage"), StringComparison.Ordinal);
        Assert.NotEmpty(landing.Text("#p29-score"));
        Assert.DoesNotContain("\"secret\"", landing.Text("#recipe-json"), StringComparison.Ordinal);
    }

    [Fact]
    public void No_route_changes_a_release()
    {
        // The only write under any release route is creating one from a dataset (POST /datasets/{id}/release).
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var releaseRoutes = endpoints.Where(e => e.RoutePattern.RawText is { } raw && raw.Contains("release", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(releaseRoutes);
        foreach (var endpoint in releaseRoutes)
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            Assert.True(methods.Count > 0, $"{endpoint.RoutePattern.RawText} accepts every method");
            var writes = methods.Where(m => m is not ("GET" or "HEAD")).ToList();
            if (endpoint.RoutePattern.RawText!.TrimStart('/') == "datasets/{id}/release")
                Assert.All(writes, m => Assert.Equal("POST", m));
            else
                Assert.True(writes.Count == 0, $"{endpoint.RoutePattern.RawText} accepts {string.Join(", ", writes)}");
        }
    }

    private static async Task<string> SourceNameAsync(Guid id)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(admin, "SELECT display_name FROM fairdb.datasets WHERE id = @id", new { id }) ?? "";
    }
}

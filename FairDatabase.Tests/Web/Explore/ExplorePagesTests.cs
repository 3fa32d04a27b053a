using System.Net;
using System.Text.Json;
using FairDatabase.Tests.Explore;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Explore;

/// <summary>The dataset page, columns.json and diversity.json through the real app.</summary>
[Collection(AppCollection.Name)]
public sealed class ExplorePagesTests(AppFixture fixture)
{
    private async Task<(BrowserSession Session, Guid Dataset)> OwnerWithDatasetAsync()
    {
        var session = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var dataset = await ExploreTables.ImportAsync(await TestUsers.IdOfAsync(session.Email!));
        return (session, dataset.DatasetId);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_dataset_page_lists_every_column_with_its_statistics_and_links()
    {
        var (owner, id) = await OwnerWithDatasetAsync();
        using var ownerSession = owner;

        var page = await owner.GetDocumentAsync($"/datasets/{id}");
        var dashboard = await owner.GetDocumentAsync("/dashboard");
        var filtered = await owner.GetDocumentAsync($"/datasets/{id}?q=TAXON");

        Assert.Equal("microbes", page.QuerySelector("#dataset-name")!.TextContent.Trim());
        var age = page.QuerySelector("#columns tr[data-column=age]")!;
        Assert.Equal("numeric", age.QuerySelector(".type")!.TextContent.Trim());
        Assert.Equal("20%", age.QuerySelector(".missing")!.TextContent.Trim());
        Assert.Equal("45", age.QuerySelector(".median")!.TextContent.Trim());
        Assert.NotNull(age.QuerySelector(".spark svg rect"));
        Assert.Contains("gut (3)", page.QuerySelector("#columns tr[data-column=site] .median")!.TextContent, StringComparison.Ordinal);
        var links = page.QuerySelectorAll("#dataset-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/datasets/{id}/diversity", links);
        Assert.Contains($"/datasets/{id}/download", links);
        Assert.Contains($"/datasets/{id}/metadata", links);
        Assert.Contains(dashboard.QuerySelectorAll("#datasets a"), a => a.GetAttribute("href") == $"/datasets/{id}");
        Assert.Equal(["taxon_a", "taxon_b"], filtered.QuerySelectorAll("#columns tbody tr").Select(r => r.GetAttribute("data-column")));
    }

    [Fact]
    public async Task Columns_json_has_the_documented_shape()
    {
        var (owner, id) = await OwnerWithDatasetAsync();
        using var ownerSession = owner;

        using var response = await owner.Client.GetAsync($"/datasets/{id}/columns.json");
        var columns = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, columns.GetArrayLength());
        var age = columns.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "age");
        foreach (var key in new[] { "original_name", "type", "missing", "distinct", "min", "max", "mean", "median", "histogram", "top" })
            Assert.True(age.TryGetProperty(key, out _), key);
        Assert.Equal(45, age.GetProperty("median").GetDouble());
        Assert.Equal(11, age.GetProperty("histogram").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task Diversity_json_gives_alpha_per_sample_a_pcoa_and_the_excluded_samples()
    {
        var (owner, id) = await OwnerWithDatasetAsync();
        using var ownerSession = owner;

        using var response = await owner.Client.GetAsync($"/datasets/{id}/diversity.json?exclude=age&group=site");
        var result = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, result.GetProperty("samples").GetArrayLength());
        Assert.Equal(1, result.GetProperty("excluded_samples").GetArrayLength()); // s5: taxon_a + taxon_b = 0
        Assert.Equal(["gut", "skin", "gut", "oral"], result.GetProperty("group").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal([1, 1, 2, 1], result.GetProperty("alpha").GetProperty("observed").EnumerateArray().Select(o => o.GetInt32()));
        // s3 = (20, 5): p = 0.8, 0.2; H = −(0.8 ln 0.8 + 0.2 ln 0.2); Simpson = 1 − 0.64 − 0.04 = 0.32.
        Assert.Equal(-((0.8 * Math.Log(0.8)) + (0.2 * Math.Log(0.2))), result.GetProperty("alpha").GetProperty("shannon")[2].GetDouble(), 12);
        Assert.Equal(0.32, result.GetProperty("alpha").GetProperty("simpson")[2].GetDouble(), 12);
        var pcoa = result.GetProperty("pcoa");
        Assert.Equal(4, pcoa.GetProperty("coordinates").GetArrayLength());
        Assert.Equal(3, pcoa.GetProperty("coordinates")[0].GetArrayLength());
        Assert.Equal(1.0, pcoa.GetProperty("proportion_explained").EnumerateArray().Sum(p => p.GetDouble()), 9);
        Assert.Equal(["taxon_a", "taxon_b"], result.GetProperty("top_features").GetProperty("features").EnumerateArray().Select(f => f.GetString()).Order());
    }

    [Theory]
    [InlineData("metric=jaccard", "jaccard")]
    [InlineData("pseudocount=-1", "pseudocount")]
    [InlineData("pseudocount=abc", "abc")]
    [InlineData("group=no_such_column", "no_such_column")]
    [InlineData("exclude=age&exclude=taxon_a&exclude=taxon_b", "no numeric feature columns")]
    [InlineData("exclude=nothing_here", "nothing_here")]
    public async Task Bad_diversity_requests_are_answered_400_naming_the_problem(string query, string named)
    {
        var (owner, id) = await OwnerWithDatasetAsync();
        using var ownerSession = owner;

        using var response = await owner.Client.GetAsync($"/datasets/{id}/diversity.json?{query}");
        var error = (await JsonAsync(response)).GetProperty("error").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_dataset_answers_exactly_like_a_missing_one()
    {
        var (owner, id) = await OwnerWithDatasetAsync();
        using var ownerSession = owner;
        using var stranger = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var missing = Guid.NewGuid();

        foreach (var suffix in new[] { "", "/columns.json", "/diversity", "/diversity.json", "/download" })
        {
            using var theirs = await stranger.Client.GetAsync($"/datasets/{id}{suffix}");
            using var none = await stranger.Client.GetAsync($"/datasets/{missing}{suffix}");
            var theirBody = await theirs.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.DoesNotContain("microbes", theirBody, StringComparison.Ordinal);
            Assert.DoesNotContain("taxon_a", theirBody, StringComparison.Ordinal);
            if (suffix.EndsWith(".json", StringComparison.Ordinal))
                Assert.Equal(await none.Content.ReadAsStringAsync(), theirBody);
        }
    }

    [Fact]
    public async Task Changing_a_cell_forgets_the_kept_statistics()
    {
        var (owner, id) = await OwnerWithDatasetAsync();
        using var ownerSession = owner;
        using var before = await owner.Client.GetAsync($"/datasets/{id}/columns.json");
        Assert.Equal(30, (await JsonAsync(before)).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "taxon_a").GetProperty("max").GetDouble());

        using var update = await owner.PostFormAsync("/dashboard/search",
            new() { ["row_id"] = "1", ["column_name"] = "taxon_a", ["new_value"] = "100" }, "/dashboard/update");
        using var after = await owner.Client.GetAsync($"/datasets/{id}/columns.json");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(100, (await JsonAsync(after)).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "taxon_a").GetProperty("max").GetDouble());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Api;

/// <summary>GET /api/v1/datasets, /{id}, /{id}/data.csv: the pages' datasets and rows, as the token's owner, RLS deciding.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiDatasetsTests(AppFixture fixture)
{
    private static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_list_has_the_owners_datasets_and_those_shared_with_it_and_nobody_elses()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var bob = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var carol = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var own = await TestUploads.UploadAsync(alice, "patient,taxon\nP1,3\nP2,4\n", Unique("own") + ".csv");
        var shared = await TestUploads.UploadAsync(bob, "patient,taxon\nP1,5\n", Unique("shared") + ".csv");
        var foreign = await TestUploads.UploadAsync(carol, "patient,taxon\nP1,6\n", Unique("foreign") + ".csv");
        using (await bob.PostFormAsync($"/datasets/{shared}/access", new() { ["email"] = alice.Email! })) { }
        var token = await ApiTestClient.CreateTokenAsync(alice);

        using var response = await ApiTestClient.Client(fixture.Factory, token.Token).GetAsync("/api/v1/datasets");
        var body = await ApiTestClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mine = Assert.Single(body.GetProperty("datasets").EnumerateArray());
        Assert.Equal(own, mine.GetProperty("id").GetGuid());
        Assert.Equal((2L, 2, true), (mine.GetProperty("rows").GetInt64(), mine.GetProperty("columns").GetInt32(), mine.GetProperty("owned").GetBoolean()));
        Assert.Equal("shared study", mine.GetProperty("description").GetString());
        Assert.Equal($"/api/v1/datasets/{own}/data.csv", mine.GetProperty("data_url").GetString());
        var theirs = Assert.Single(body.GetProperty("shared").EnumerateArray());
        Assert.Equal((shared, false, bob.Email), (theirs.GetProperty("id").GetGuid(), theirs.GetProperty("owned").GetBoolean(), theirs.GetProperty("owner_email").GetString()));
        Assert.DoesNotContain(foreign.ToString(), body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal((1, 1), (body.GetProperty("total").GetInt32(), body.GetProperty("page").GetInt32()));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=two")]
    [InlineData("page_size=201")]
    public async Task A_bad_page_is_a_400_problem_naming_it(string query)
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var token = await ApiTestClient.CreateTokenAsync(alice);
        using var response = await ApiTestClient.Client(fixture.Factory, token.Token).GetAsync("/api/v1/datasets?" + query);

        Assert.Contains(query.Split('=')[0], await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_dataset_is_found_for_its_owner_and_someone_elses_is_404_like_a_missing_one()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var bob = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var name = Unique("single");
        var own = await TestUploads.UploadAsync(alice, "patient,taxon\nP1,3\n", name + ".csv");
        var foreign = await TestUploads.UploadAsync(bob, "patient,taxon\nP1,6\n", Unique("bobs") + ".csv");
        using var client = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice)).Token);

        using var found = await client.GetAsync($"/api/v1/datasets/{own}");
        var bodies = new List<string>();
        foreach (var path in new[] { $"/api/v1/datasets/{foreign}", $"/api/v1/datasets/{Guid.NewGuid()}", $"/api/v1/datasets/{foreign}/data.csv" })
        {
            using var response = await client.GetAsync(path);
            await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.NotFound);
            bodies.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!);
        }
        using var notAnId = await client.GetAsync("/api/v1/datasets/not-an-id");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(name, (await ApiTestClient.JsonAsync(found)).GetProperty("name").GetString());
        Assert.Single(bodies.Distinct());
        await ApiTestClient.AssertProblemAsync(notAnId, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Data_csv_is_one_csv_with_the_uploaded_header_across_chunk_tables()
    {
        // 1,300 columns: two chunk tables (at most 1,200 columns each), joined back on rowid.
        var header = new[] { "Sample ID" }.Concat(Enumerable.Range(1, 1300).Select(i => $"Taxon {i}")).ToArray();
        var csv = new StringBuilder(string.Join(',', header)).Append('\n');
        for (var r = 1; r <= 3; r++) csv.Append($"S{r},").Append(string.Join(',', Enumerable.Range(1, 1300).Select(i => (r * 10000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))).Append('\n');
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var id = await TestUploads.UploadAsync(alice, csv.ToString(), Unique("wide") + ".csv");
        using var client = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice)).Token);

        using var response = await client.GetAsync($"/api/v1/datasets/{id}/data.csv");
        var records = CsvRecords.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(header, records[0]);
        Assert.Equal(4, records.Count);
        for (var r = 1; r <= 3; r++)
        {
            Assert.Equal(1301, records[r].Length);
            Assert.Equal(((r * 10000) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), records[r][1]);
            Assert.Equal(((r * 10000) + 1300).ToString(System.Globalization.CultureInfo.InvariantCulture), records[r][1300]);
        }
        Assert.Equal(3, records.Skip(1).Select(r => r[0]).Distinct().Count()); // the ids, hashed as stored
    }
}

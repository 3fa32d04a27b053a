using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Api;

/// <summary>POST /api/v1/datasets: the upload page's importer for scripts, write scope only, refusals as problems that store nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiUploadTests(AppFixture fixture)
{
    private static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    private static StringContent Csv(string text, string type = "text/csv") => new(text, Encoding.UTF8, type);

    private static async Task<int> CountAsync(HttpClient client) =>
        (await ApiTestClient.JsonAsync(await client.GetAsync("/api/v1/datasets"))).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_csv_body_becomes_a_dataset_answered_201_with_its_location_and_json()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var client = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice, "write")).Token);
        var name = Unique("from_r");

        using var response = await client.PostAsync($"/api/v1/datasets?name={name}&description=gut%20study&origin=lab%20B", Csv("patient;age;taxon\nP1;40;3\nP2;51;4\n"));
        var body = await ApiTestClient.JsonAsync(response);
        using var again = await client.GetAsync(response.Headers.Location!.OriginalString);
        var dashboard = await alice.GetDocumentAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/datasets/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal((name, 2L, 3, "gut study", "lab B"), (body.GetProperty("name").GetString(), body.GetProperty("rows").GetInt64(),
            body.GetProperty("columns").GetInt32(), body.GetProperty("description").GetString(), body.GetProperty("origin").GetString()));
        Assert.Equal("semicolon", body.GetProperty("format").GetProperty("delimiter").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(dashboard.QuerySelector($"tr[data-dataset='{id}']"));
    }

    [Fact]
    public async Task A_multipart_upload_takes_its_fields_and_the_name_field_names_it()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var client = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice, "write")).Token);
        var name = Unique("from_python");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" },
            { new StringContent("stool samples"), "description" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("sample\ttaxon_a\ttaxon_b\nS1\t1\t2\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/tab-separated-values");
        form.Add(file, "file", "counts.tsv");

        using var response = await client.PostAsync("/api/v1/datasets", form);
        var body = await ApiTestClient.JsonAsync(response);
        using var csv = await client.GetAsync(body.GetProperty("data_url").GetString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((name, name + ".tsv", "stool samples"), (body.GetProperty("name").GetString(), body.GetProperty("file_name").GetString(),
            body.GetProperty("description").GetString()));
        Assert.Equal(["sample", "taxon_a", "taxon_b"], CsvRecords.Parse(await csv.Content.ReadAsStringAsync())[0]);
    }

    [Fact]
    public async Task A_read_token_gets_403_and_nothing_is_stored()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var client = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice, "read")).Token);

        using var response = await client.PostAsync($"/api/v1/datasets?name={Unique("nope")}", Csv("patient,taxon\nP1,3\n"));

        Assert.Contains("write scope", await ApiTestClient.AssertProblemAsync(response, HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(client));
    }

    [Fact]
    public async Task Refused_uploads_are_4xx_problems_naming_the_problem_and_store_nothing()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var client = ApiTestClient.Client(fixture.Factory, (await ApiTestClient.CreateTokenAsync(alice, "write")).Token);

        using var ragged = await client.PostAsync($"/api/v1/datasets?name={Unique("ragged")}", Csv("patient,taxon\nP1,3\nP2,4,5\n"));
        using var unnamed = await client.PostAsync("/api/v1/datasets", Csv("patient,taxon\nP1,3\n"));
        using var json = await client.PostAsync($"/api/v1/datasets?name={Unique("json")}", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var noFile = await client.PostAsync("/api/v1/datasets", new MultipartFormDataContent { { new StringContent("x"), "name" } });
        using var badOrientation = await client.PostAsync($"/api/v1/datasets?name={Unique("o")}&orientation=diagonal", Csv("patient,taxon\nP1,3\n"));

        Assert.Contains("line 3", await ApiTestClient.AssertProblemAsync(ragged, HttpStatusCode.BadRequest), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("'name'", await ApiTestClient.AssertProblemAsync(unnamed, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("text/csv", await ApiTestClient.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
        Assert.Contains("'file'", await ApiTestClient.AssertProblemAsync(noFile, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Orientation", await ApiTestClient.AssertProblemAsync(badOrientation, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(client));
    }
}

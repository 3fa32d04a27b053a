using System.Net;
using System.Text;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Api;

/// <summary>An app whose uploads are limited to 64 KB (plus 64 KB of form around them).</summary>
public sealed class SmallUploadAppFixture : IAsyncDisposable
{
    public FairDbFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["Upload:MaxFileSizeBytes"] = "65536",
        ["RequestLimits:UploadFormOverheadBytes"] = "65536",
    });

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>The API's upload is bounded like the page's: over the limit is a 413 problem, declared or counted, and nothing is kept.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiLimitsTests(SmallUploadAppFixture app) : IClassFixture<SmallUploadAppFixture>
{
    [Fact]
    public async Task A_body_over_the_upload_limit_is_a_413_problem_declared_or_chunked()
    {
        using var alice = await BrowserSession.RegisterAndSignInAsync(app.Factory);
        using var client = ApiTestClient.Client(app.Factory, (await ApiTestClient.CreateTokenAsync(alice, "write")).Token);
        var big = new StringBuilder("patient,taxon\n");
        for (var i = 0; big.Length < 300_000; i++) big.Append('P').Append(i).Append(",1\n");

        using var declared = await client.PostAsync("/api/v1/datasets?name=big", new StringContent(big.ToString(), Encoding.UTF8, "text/csv"));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big.ToString())));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets?name=big") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var counted = await client.SendAsync(request);

        await ApiTestClient.AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        await ApiTestClient.AssertProblemAsync(counted, HttpStatusCode.RequestEntityTooLarge);
        using var list = await client.GetAsync("/api/v1/datasets");
        Assert.Equal(0, (await ApiTestClient.JsonAsync(list)).GetProperty("total").GetInt32());
    }
}

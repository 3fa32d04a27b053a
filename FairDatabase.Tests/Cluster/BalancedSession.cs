using System.Net.Http.Headers;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Cluster;

/// <summary>
/// A browser behind the cluster's round-robin balancer that can choose which instance answers
/// its next request: it sends cheap health checks until the other instance has just answered,
/// then the request, and checks the X-Instance header says the chosen instance served it.
/// </summary>
internal sealed class BalancedSession(Uri balancer) : IDisposable
{
    public const string First = "app-1";
    public const string Second = "app-2";

    public BrowserSession Browser { get; } = new(balancer);

    /// <summary>Every instance that answered a request of this session.</summary>
    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public static Uri BalancerFromEnvironment() =>
        Environment.GetEnvironmentVariable("FAIRDB_TEST_BALANCER_URL") is { Length: > 0 } url
            ? new Uri(url)
            : throw new InvalidOperationException("FAIRDB_TEST_BALANCER_URL is not set: the cluster tests run in scripts/test.sh, which starts scripts/cluster.sh.");

    public static string InstanceOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Instance", out var values) ? values.Single() : "(none)";

    public async Task<HttpResponseMessage> OnAsync(string instance, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < 6; i++)
        {
            using var probe = await Browser.Client.GetAsync("/healthz");
            if (InstanceOf(probe) != instance) break;
        }
        var response = await send(Browser.Client);
        Seen.Add(InstanceOf(response));
        Assert.True(InstanceOf(response) == instance, $"expected {instance} to answer, got {InstanceOf(response)}");
        return response;
    }

    /// <summary>Posts a form on <paramref name="instance"/> with a token fetched from <paramref name="formPage"/> on any instance.</summary>
    public async Task<HttpResponseMessage> PostOnAsync(string instance, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await Browser.GetAntiforgeryTokenAsync(formPage, action);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)).ToList();
        return await OnAsync(instance, c => c.PostAsync(action, new FormUrlEncodedContent(all)));
    }

    public async Task<HttpResponseMessage> UploadOnAsync(string instance, string csv, string fileName)
    {
        var token = await Browser.GetAntiforgeryTokenAsync("/dashboard/upload");
        return await OnAsync(instance, c =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("cluster test"), "description" },
                { new StringContent("BalancerTests"), "origin" },
                { new StringContent(csv), "file", fileName },
            };
            var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/upload") { Content = form };
            request.Headers.Add("RequestVerificationToken", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return c.SendAsync(request);
        });
    }

    public void Dispose() => Browser.Dispose();
}

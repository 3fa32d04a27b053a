using System.Net;
using System.Text.RegularExpressions;

namespace FairDatabase.Bench.Pages;

/// <summary>
/// One signed-in browser for the pages benchmark: its own cookie jar and one keep-alive
/// connection, as a person's browser tab would have.
/// </summary>
internal sealed partial class BenchUser : IDisposable
{
    private readonly HttpClient _http;

    public BenchUser(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Email { get; } = $"bench-pages-{Guid.NewGuid():N}@example.test";

    /// <summary>The first table of the user's dataset, shown by the preview requests.</summary>
    public string TableName { get; private set; } = "";

    /// <summary>The antiforgery token of the search form, reused by every search POST.</summary>
    public string SearchToken { get; private set; } = "";

    public async Task SignUpAndUploadAsync(byte[] csv, CancellationToken ct)
    {
        const string password = "bench-pages-password";
        await PostFormAsync("/auth/register", new() { ["email"] = Email, ["password"] = password }, ct);
        await PostFormAsync("/auth/login", new() { ["email"] = Email, ["password"] = password }, ct);

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/dashboard/upload");
        upload.Headers.Add("RequestVerificationToken", await TokenAsync("/dashboard/upload", ct));
        upload.Headers.Accept.ParseAdd("application/json");
        var form = new MultipartFormDataContent
        {
            { new StringContent("pages benchmark"), "description" },
            { new StringContent("FairDatabase.Bench"), "origin" },
            { new ByteArrayContent(csv), "file", "microbiome.csv" },
        };
        upload.Content = form;
        using var answer = await _http.SendAsync(upload, ct);
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException($"upload answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");

        var dashboard = await _http.GetStringAsync("/dashboard", ct);
        TableName = Uri.UnescapeDataString(PreviewLink().Match(dashboard).Groups[1].Value);
        if (TableName.Length == 0) throw new InvalidOperationException("the dashboard lists no table after the upload");
        SearchToken = await TokenAsync("/dashboard/search", ct);
    }

    /// <summary>Sends one request and reads the whole answer; returns its status and the answering instance.</summary>
    public async Task<(int Status, string? Instance)> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var instance = response.Headers.TryGetValues("X-Instance", out var values) ? values.FirstOrDefault() : null;
        return ((int)response.StatusCode, instance);
    }

    public void Dispose() => _http.Dispose();

    private async Task PostFormAsync(string path, Dictionary<string, string> fields, CancellationToken ct)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(path, ct);
        using var content = new FormUrlEncodedContent(fields);
        using var answer = await _http.PostAsync(path, content, ct);
        if (answer.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"POST {path} answered {(int)answer.StatusCode}");
    }

    private async Task<string> TokenAsync(string path, CancellationToken ct)
    {
        var page = await _http.GetStringAsync(path, ct);
        var match = TokenField().Match(page);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("table_preview\\?table_name=([^\"&]+)")]
    private static partial Regex PreviewLink();
}

using System.Net;
using System.Text.Json;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>Upload:MaxDatasetsPerUser (403) and Upload:MaxBytesPerUser (413) are checked before loading; nothing is stored.</summary>
[Collection(AppCollection.Name)]
public sealed class UploadQuotaTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static async Task<(HttpStatusCode Status, string Message)> UploadAsync(BrowserSession browser, string name)
    {
        using var form = new MultipartFormDataContent { { new StringContent("sample_id,Bacteroides\nS-1,12\nS-2,7\n"), "file", name } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/upload") { Content = form };
        request.Headers.Add("RequestVerificationToken", await browser.GetAntiforgeryTokenAsync("/dashboard/upload"));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await browser.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.TryGetProperty("error", out var e) ? e.GetString()! : "");
    }

    private static async Task<long> StoredAsync(string email)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT count(*) FROM fairdb.datasets d JOIN auth.users u ON u.id = d.user_id WHERE u.email = @email)
                 + (SELECT count(*) FROM _realtime.metadata_tables m JOIN auth.users u ON u.id = m.user_id WHERE u.email = @email)
            """, new { email });
    }

    [Fact]
    public async Task The_upload_after_the_dataset_limit_is_refused_with_403_and_stores_nothing()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Upload:MaxDatasetsPerUser"] = "1" });
        using var browser = await BrowserSession.RegisterAndSignInAsync(factory);
        using var other = await BrowserSession.RegisterAndSignInAsync(factory);

        var first = await UploadAsync(browser, "one.csv");
        var stored = await StoredAsync(browser.Email!);
        var second = await UploadAsync(browser, "two.csv");
        var someoneElse = await UploadAsync(other, "theirs.csv");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Forbidden, second.Status);
        Assert.Contains("the most one account may keep (1)", second.Message, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAsync(browser.Email!));
        Assert.Equal(HttpStatusCode.OK, someoneElse.Status); // the limit is per user
    }

    [Fact]
    public async Task An_upload_that_does_not_fit_the_storage_quota_is_refused_with_413_and_stores_nothing()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Upload:MaxBytesPerUser"] = "16" });
        using var browser = await BrowserSession.RegisterAndSignInAsync(factory);

        var refused = await UploadAsync(browser, "big.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("storage quota", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(browser.Email!));
    }
}

using System.IO.Compression;
using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Datasets;

/// <summary>A ZIP download holds no transaction while the client reads, and each user runs a bounded number at once.</summary>
[Collection(AppCollection.Name)]
public sealed class DownloadResourceTests(AppFixture fixture)
{
    private const int Rows = 150_000;

    /// <summary>A table of the user's with a column named after <paramref name="marker"/>: big enough that the ZIP outgrows every buffer.</summary>
    private static async Task<string> BigTableAsync(string email, string marker)
    {
        var table = TestDatabase.UniqueName("dl");
        await using var admin = await TestDatabase.OpenAdminAsync();
        var owner = await admin.ExecuteScalarAsync<Guid>("SELECT id FROM auth.users WHERE email = @email", new { email });
        await admin.ExecuteAsync(
            $"""
            SELECT public.create_data_table('_realtime', '{table}', ARRAY['{marker}', 'digest'], 'sample_id');
            INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES ('{table}', '{table}', '{owner}');
            INSERT INTO _realtime.{table} (user_id, sample_id, {marker}, digest)
              SELECT '{owner}', 's' || i, i::text, md5(i::text) || md5((i * 7)::text) FROM generate_series(1, {Rows}) AS i;
            """);
        return table;
    }

    private static async Task<int> OpenWorkOnAsync(string table)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.ExecuteScalarAsync<int>(
            """
            SELECT count(*)::int FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND position(@table in query) > 0
              AND (state = 'active' OR state LIKE 'idle in transaction%')
            """, new { table });
    }

    [Fact]
    public async Task A_client_that_stops_reading_holds_no_transaction_and_still_gets_every_row_in_order()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var table = await BigTableAsync(browser.Email!, "stallmarker");

        using var response = await browser.Client.GetAsync("/dashboard/display?search=stallmarker", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The app fills the buffers and then waits for the client; by then no batch may be open.
        var quietSamples = 0;
        for (var i = 0; i < 100 && quietSamples < 3; i++)
        {
            quietSamples = await OpenWorkOnAsync(table) == 0 ? quietSamples + 1 : 0;
            await Task.Delay(200);
        }
        Assert.Equal(3, quietSamples);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.Entries.Single().Open());
        var header = await reader.ReadLineAsync();
        var expected = 1;
        while (await reader.ReadLineAsync() is { } line)
            Assert.StartsWith($"s{expected},{expected++},", line, StringComparison.Ordinal);
        Assert.Equal("sample_id,stallmarker,digest", header);
        Assert.Equal(Rows + 1, expected);
    }

    [Fact]
    public async Task A_user_over_the_concurrent_download_limit_gets_429_while_others_still_download()
    {
        await using var factory = new FairDbFactory(new Dictionary<string, string?> { ["Download:MaxConcurrentPerUser"] = "1" });
        using var browser = await BrowserSession.RegisterAndSignInAsync(factory);
        using var other = await BrowserSession.RegisterAndSignInAsync(factory);
        await BigTableAsync(browser.Email!, "limitmarker");
        await BigTableAsync(other.Email!, "limitmarker");

        using var first = await browser.Client.GetAsync("/dashboard/display?search=limitmarker", HttpCompletionOption.ResponseHeadersRead);
        using var second = await browser.Client.GetAsync("/dashboard/display?search=limitmarker");
        using var theirs = await other.Client.GetAsync("/dashboard/display?search=limitmarker", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("already have downloads running", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }
}

using System.IO.Compression;
using System.Net;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Cluster;

/// <summary>
/// Through scripts/cluster.sh (HAProxy round-robin, two instances, PgBouncer in transaction mode):
/// one user's work hops between the instances and every answer is the same as from one instance.
/// scripts/test.sh starts the cluster and runs these in a step of their own.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class BalancerTests
{
    private const string Csv =
        "patient,age,sex,city,diagnosis\n" +
        "p1,34,F,Graz,flu\np2,35,F,Graz,cold\np3,61,M,Linz,flu\np4,62,M,Linz,cold\np5,70,F,Wels,flu\n";

    private const string A = BalancedSession.First;
    private const string B = BalancedSession.Second;

    [Fact]
    public async Task Upload_on_one_instance_then_preview_download_and_anonymize_on_the_other()
    {
        using var s = new BalancedSession(BalancedSession.BalancerFromEnvironment());
        var email = BrowserSession.NewEmail();

        // Registered on one instance, signed in on the other; the cookie the second wrote is read by the first.
        Assert.Equal(HttpStatusCode.Redirect, (await s.PostOnAsync(A, "/auth/register", "/auth/register",
            ("email", email), ("password", BrowserSession.DefaultPassword))).StatusCode);
        Assert.Equal("/dashboard", (await s.PostOnAsync(B, "/auth/login", "/auth/login",
            ("email", email), ("password", BrowserSession.DefaultPassword))).Headers.Location?.OriginalString);
        // B lists the (still empty) tables first, so a table list cached there must not hide the upload.
        Assert.Equal(HttpStatusCode.OK, (await s.OnAsync(B, c => c.GetAsync("/dashboard/search"))).StatusCode);

        var upload = await s.UploadOnAsync(A, Csv, "clinic.csv");
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        var search = await BrowserSession.ParseAsync(await s.OnAsync(B, c => c.GetAsync("/dashboard/search")));
        var table = search.QuerySelectorAll("a[href*='table_preview']").Select(a => a.TextContent.Trim()).Single();
        var preview = await BrowserSession.ParseAsync(await s.OnAsync(B, c => c.GetAsync("/dashboard/table_preview?table_name=" + Uri.EscapeDataString(table))));
        Assert.Equal("5", preview.QuerySelector("#row-count")?.TextContent);
        Assert.Equal("5", preview.QuerySelector("#column-count")?.TextContent);
        Assert.Equal(5, preview.QuerySelectorAll("#preview tbody tr").Length);

        var zip = await s.PostOnAsync(B, "/dashboard/search", "/dashboard/display", ("search", "diagnosis"));
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            using var reader = new StreamReader(archive.Entries.Single().Open());
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(6, lines.Length);
            Assert.EndsWith("age,sex,city,diagnosis", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        }

        // The anonymization working copy lives in PostgreSQL: each step on the other instance than the last.
        var start = await BrowserSession.ParseAsync(await s.OnAsync(A, c => c.GetAsync("/data/data_generalization")));
        var dataset = start.QuerySelectorAll("select[name=dataset] option").Select(o => o.GetAttribute("value")!).Single();
        const string workflow = "/data/data_generalization";
        await OkAsync(s.PostOnAsync(B, workflow, workflow, ("submit_button", "submit_dataset"), ("dataset", dataset)));
        await OkAsync(s.PostOnAsync(A, workflow, workflow, ("submit_button", "submit_columns"), ("columns_to_drop", "patient")));
        await OkAsync(s.PostOnAsync(B, workflow, workflow, ("submit_button", "submit_missing_values")));
        await OkAsync(s.PostOnAsync(A, workflow, workflow, ("submit_button", "submit_quasi_identifiers"), ("quasi_identifiers", "city")));
        await OkAsync(s.PostOnAsync(B, workflow, workflow, ("submit_button", "submit_mapping"), ("mapping_column", "city"),
            ("mapping_Graz", "Styria"), ("mapping_Linz", "Upper Austria"), ("mapping_Wels", "Upper Austria")));

        var download = await s.OnAsync(A, c => c.GetAsync("/data/download"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var csv = (await download.Content.ReadAsStringAsync()).Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("age,sex,city,diagnosis", csv[0]);
        Assert.Equal(["Styria", "Styria", "Upper Austria", "Upper Austria", "Upper Austria"], csv.Skip(1).Select(l => l.Split(',')[2]));

        Assert.Equal([A, B], s.Seen.Order(StringComparer.Ordinal));
    }

    private static async Task OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

using System.IO.Compression;
using System.Net;
using System.Text;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Security;

/// <summary>CSP without inline script, nosniff, no framing, no referrer, no-store on pages and downloads; no state change on GET.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(AppFixture fixture)
{
    private static readonly string[] Pages =
    [
        "/dashboard", "/dashboard/upload", "/dashboard/search", "/data/data_generalization", "/data/p29score",
        "/privacy/privacy_processing", "/privacy/differential_privacy", "/dashboard/return_to_dashboard", "/account/sessions",
    ];

    private static async Task<BrowserSession> WithDatasetAsync(AppFixture fixture)
    {
        var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("sample_id,Bacteroides,Prevotella\nS-1,12,3\nS-2,7,0\n"), "file", "gut.csv" },
        };
        using var upload = await browser.PostMultipartAsync("/dashboard/upload", form);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        return browser;
    }

    [Fact]
    public async Task Every_page_carries_the_policy_headers_and_no_store()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        foreach (var page in Pages.Prepend("/"))
        {
            using var response = await browser.Client.GetAsync(page);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"{page}: {response.StatusCode}");
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline'; ", csp.Split("style-src-attr")[0], StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{page} may be cached");
        }
    }

    [Fact]
    public async Task Static_files_are_nosniff_but_cacheable()
    {
        using var response = await fixture.Factory.CreateClient().GetAsync("/js/upload.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task No_page_has_inline_script_or_event_handler_attributes()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        foreach (var page in Pages)
        {
            var doc = await browser.GetDocumentAsync(page);
            Assert.All(doc.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"{page} has an inline script"));
            Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("javascript:", doc.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_download_link_streams_the_same_zip_as_the_form_and_is_not_cached()
    {
        using var browser = await WithDatasetAsync(fixture);

        using var byLink = await browser.Client.GetAsync("/dashboard/display?search=bacteroides");
        using var byForm = await browser.PostFormAsync("/dashboard/search", new() { ["search"] = "bacteroides" }, "/dashboard/display");

        Assert.Equal(HttpStatusCode.OK, byLink.StatusCode);
        Assert.Equal("application/zip", byLink.Content.Headers.ContentType?.MediaType);
        Assert.True(byLink.Headers.CacheControl?.NoStore);
        Assert.Equal(await ZipTextAsync(byForm), await ZipTextAsync(byLink));
        Assert.Contains("Bacteroides", await ZipTextAsync(byLink), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_link_without_a_match_answers_404()
    {
        using var browser = await WithDatasetAsync(fixture);
        using var response = await browser.Client.GetAsync("/dashboard/display?search=no-such-column");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> ZipTextAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(entry.FullName).Append('\n').Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("2147483647", HttpStatusCode.OK)]
    [InlineData("99", HttpStatusCode.OK)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("-5", HttpStatusCode.BadRequest)]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("99999999999999", HttpStatusCode.BadRequest)]
    public async Task Dashboard_pages_out_of_range_or_garbage_never_fail(string page, HttpStatusCode expected)
    {
        using var browser = await WithDatasetAsync(fixture);

        using var response = await browser.Client.GetAsync($"/dashboard?page={page}");
        var doc = await BrowserSession.ParseAsync(response);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Equal("gut", doc.QuerySelector("#datasets tbody tr .name")?.ChildNodes[0].TextContent.Trim());
        else Assert.Contains("whole number", doc.Body?.TextContent, StringComparison.Ordinal);
    }
}

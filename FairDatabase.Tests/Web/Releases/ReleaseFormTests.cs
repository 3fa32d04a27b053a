using System.Globalization;
using System.Net;
using Dapper;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Web.AnonPages;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>GET/POST /datasets/{id}/release: the figures before committing, and every refusal naming its field.</summary>
[Collection(AppCollection.Name)]
public sealed class ReleaseFormTests(AppFixture fixture)
{
    [Fact]
    public async Task A_raw_upload_cannot_be_released()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var raw = await TestUploads.UploadAsync(browser, PeopleCsv, "raw-people.csv");

        var (status, page) = await browser.GetAsync($"/datasets/{raw}/release");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is a raw upload", page.Text("#message"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#release-form"));

        using var posted = await browser.PostWithSessionTokenAsync($"/datasets/{raw}/release", new() { ["title"] = "x", ["license"] = "CC0-1.0" });
        var refused = await BrowserSession.ParseAsync(posted);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("dataset", refused.QuerySelector("#message")!.GetAttribute("data-field"));
        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.Equal(0, await admin.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fairdb_releases.releases WHERE dataset_id = @raw", new { raw }));
    }

    [Fact]
    public async Task The_form_shows_the_figures_and_the_recorded_lineage_before_anything_is_committed()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var id = await browser.SaveGeneralizedPeopleAsync("people-rel");

        var (status, page) = await browser.GetAsync($"/datasets/{id}/release");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(page.QuerySelector("#release-form input[name=__RequestVerificationToken]"));
        // (30s,F) 2, (60s,M) 2, (70s,F) 1 — and no population: the workflow started from an uploaded file.
        Assert.Equal(1.0, double.Parse(page.QuerySelector("#risk-prosecutor-highest")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
        Assert.Equal("0.6", page.Text("#risk-prosecutor-average"));
        Assert.Equal("20 %", page.Text("#risk-sample-uniques"));
        Assert.Equal("100 %", page.Text("#risk-records-at-risk"));
        Assert.Contains("uploaded file 'people.csv'", page.Text("#population-reason"), StringComparison.Ordinal);
        Assert.Contains("(the release itself)", page.Text("#risk-population"), StringComparison.Ordinal);
        Assert.Equal("100 %", page.Text("#risk-drivers tr[data-qi=age] td:last-child"));
        Assert.Equal("0 %", page.Text("#risk-drivers tr[data-qi=sex] td:last-child"));
        Assert.NotNull(page.QuerySelector("#public-refused"));

        await using var admin = await TestDatabase.OpenAdminAsync();
        var (kind, qis, recipe, releases) = await admin.QuerySingleAsync<(string, string[], string, int)>(
            "SELECT source_kind, quasi_identifiers, recipe::text, (SELECT count(*)::int FROM fairdb_releases.releases r WHERE r.dataset_id = l.dataset_id) FROM fairdb.dataset_lineage l WHERE dataset_id = @id", new { id });
        Assert.Equal("upload", kind);
        Assert.Equal(["age", "sex"], qis);
        Assert.Contains("\"30s\"", recipe, StringComparison.Ordinal);
        Assert.Equal(0, releases);
    }

    [Fact]
    public async Task Each_bad_field_is_refused_by_name_and_the_typed_values_come_back()
    {
        using var browser = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var id = await browser.SaveGeneralizedPeopleAsync("people-bad");

        using var noTitle = await browser.PostReleaseAsync(id, title: "  ", keywords: "kept, as typed");
        var page = await BrowserSession.ParseAsync(noTitle);
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Equal("title", page.QuerySelector("#message")!.GetAttribute("data-field"));
        Assert.Contains("title", page.Text("#message"), StringComparison.Ordinal);
        Assert.Equal("kept, as typed", page.QuerySelector("#keywords")!.GetAttribute("value"));
        Assert.Contains("is-invalid", page.QuerySelector("#title")!.ClassName, StringComparison.Ordinal);

        using var badLicense = await browser.PostReleaseAsync(id, license: "CC-BY-9.9");
        page = await BrowserSession.ParseAsync(badLicense);
        Assert.Equal(HttpStatusCode.BadRequest, badLicense.StatusCode);
        Assert.Equal("license", page.QuerySelector("#message")!.GetAttribute("data-field"));
        Assert.Contains("'CC-BY-9.9' is not an SPDX licence identifier", page.Text("#message"), StringComparison.Ordinal);
        Assert.Equal("CC-BY-9.9", page.QuerySelector("#license")!.GetAttribute("value"));
        Assert.Equal("Study release", page.QuerySelector("#title")!.GetAttribute("value"));

        using var tooRisky = await browser.PostReleaseAsync(id, visibility: "public");
        page = await BrowserSession.ParseAsync(tooRisky);
        Assert.Equal(HttpStatusCode.BadRequest, tooRisky.StatusCode);
        Assert.Equal("visibility", page.QuerySelector("#message")!.GetAttribute("data-field"));
        Assert.Contains("at most 0.2", page.Text("#message"), StringComparison.Ordinal);
        Assert.Contains("this dataset's is 1 ", page.Text("#message"), StringComparison.Ordinal);
        Assert.Equal("checked", page.QuerySelector("#visibility-public")!.GetAttribute("checked"));

        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.Equal(0, await admin.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fairdb_releases.releases WHERE dataset_id = @id", new { id }));
    }

    [Fact]
    public async Task Someone_elses_dataset_has_no_release_form()
    {
        using var owner = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        using var other = await BrowserSession.RegisterAndSignInAsync(fixture.Factory);
        var id = await owner.SaveBalancedAsync("balanced-form");

        var (status, _) = await other.GetAsync($"/datasets/{id}/release");
        Assert.Equal(HttpStatusCode.NotFound, status);
        using var posted = await other.PostWithSessionTokenAsync($"/datasets/{id}/release", new() { ["title"] = "mine now", ["license"] = "CC0-1.0" });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }
}

using System.Net;
using AngleSharp.Html.Parser;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Web;

[Collection(AppCollection.Name)]
public sealed class BootTests(AppFixture fixture)
{
    [Fact]
    public async Task The_home_page_uses_bootstrap_served_by_the_app_itself()
    {
        var client = fixture.Factory.CreateClient();
        var html = await client.GetStringAsync("/");
        var doc = new HtmlParser().ParseDocument(html);
        var stylesheets = doc.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();

        Assert.Contains(stylesheets, h => h.StartsWith("/lib/bootstrap/", StringComparison.Ordinal));
        Assert.All(stylesheets, h => Assert.StartsWith("/", h, StringComparison.Ordinal));
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
        var css = await client.GetAsync(stylesheets.First(h => h.Contains("bootstrap", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_not_reachable()
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var factory = new FairDbFactory(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = unreachable,
            ["Database:ApplyMigrationsOnStart"] = "false",
        });
        var response = await factory.CreateClient().GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Database:ConnectionString", "", "Database:ConnectionString")]
    [InlineData("Database:ConnectionString", "Host=h;Bogus Key=1", "Database:ConnectionString")]
    [InlineData("Database:MigrationConnectionString", "postgresql://", "Database:MigrationConnectionString")]
    [InlineData("Auth:JwtSecret", "too-short", "Auth:JwtSecret")]
    [InlineData("Auth:AccessTokenLifetimeSeconds", "10", "Auth:AccessTokenLifetimeSeconds")]
    [InlineData("FairDatabase:Mode", "Supabase", "Supabase:Url")]
    public void A_missing_or_malformed_setting_stops_start_up_naming_the_setting(string key, string value, string named)
    {
        using var factory = new FairDbFactory(new Dictionary<string, string?> { [key] = value, ["Database:ApplyMigrationsOnStart"] = "false" });
        var e = Assert.ThrowsAny<Exception>(() => factory.Server);
        var validation = e as OptionsValidationException ?? e.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bogus", validation.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FairDatabase.Tests.Web;

/// <summary>
/// Real PostgreSQL failures reach the browser as pages with the right status: through
/// DatabaseExceptionFilter for database failures, through the error page for anything else.
/// </summary>
public sealed class DatabaseFailurePagesTests : IClassFixture<DatabaseFailurePagesTests.ProbeApp>
{
    private readonly ProbeApp _app;

    public DatabaseFailurePagesTests(ProbeApp app) => _app = app;

    /// <summary>The real app plus <see cref="FailureProbeController"/>.</summary>
    public sealed class ProbeApp() : FairDbFactory(null, services =>
        services.AddControllersWithViews().AddApplicationPart(typeof(FailureProbeController).Assembly));

    [Theory]
    [InlineData("undefined-table", HttpStatusCode.NotFound, "Not found.")]
    [InlineData("insufficient-privilege", HttpStatusCode.Forbidden, "You are not allowed to do that.")]
    [InlineData("unique-violation", HttpStatusCode.Conflict, "That conflicts with existing data.")]
    [InlineData("invalid-text", HttpStatusCode.BadRequest, "The database refused a value as invalid.")]
    [InlineData("statement-timeout", HttpStatusCode.GatewayTimeout, "The database took too long to answer.")]
    [InlineData("cannot-connect-now", HttpStatusCode.ServiceUnavailable, "The database is not reachable right now.")]
    [InlineData("internal", HttpStatusCode.InternalServerError, "The database could not complete the request.")]
    public async Task Every_database_failure_kind_answers_its_status_with_a_page(string failure, HttpStatusCode status, string message)
    {
        using var browser = new BrowserSession(_app);
        using var response = await browser.Client.GetAsync($"/test-probe/db/{failure}");
        var body = await response.Content.ReadAsStringAsync();
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-status]")?.GetAttribute("data-status"));
        Assert.Equal(message, page.QuerySelector("[data-status] h1")?.TextContent.Trim());
        // Nothing of the schema or the statement leaks.
        Assert.DoesNotContain("probe", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("_realtime", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_that_is_not_from_the_database_answers_500_without_its_message()
    {
        using var browser = new BrowserSession(_app);
        using var response = await browser.Client.GetAsync("/test-probe/plain");
        var body = await response.Content.ReadAsStringAsync();
        var page = await BrowserSession.ParseAsync(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("500", page.QuerySelector("[data-status]")?.GetAttribute("data-status"));
        Assert.Equal("Something went wrong.", page.QuerySelector("[data-status] h1")?.TextContent.Trim());
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mapping_covers_every_kind_and_anything_else_is_500()
    {
        var statuses = Enum.GetValues<DbErrorKind>().ToDictionary(k => k, FairDatabase.Web.Infrastructure.DatabaseExceptionFilter.StatusFor);

        Assert.Equal(
            new Dictionary<DbErrorKind, int>
            {
                [DbErrorKind.NotFound] = 404, [DbErrorKind.Forbidden] = 403, [DbErrorKind.Conflict] = 409, [DbErrorKind.BadRequest] = 400,
                [DbErrorKind.Timeout] = 504, [DbErrorKind.Unavailable] = 503, [DbErrorKind.Internal] = 500,
            },
            statuses);
        Assert.Equal(500, FairDatabase.Web.Infrastructure.DatabaseExceptionFilter.StatusFor((DbErrorKind)999));
    }
}

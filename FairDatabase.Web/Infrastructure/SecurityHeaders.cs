namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// Response headers for every answer: a Content-Security-Policy that allows only the app's own
/// scripts (no inline script or handlers; style attributes stay allowed for the bars' widths),
/// no framing, no MIME sniffing, no referrer. Everything that is not a static file is also
/// <c>Cache-Control: no-store</c>: pages and downloads carry a user's data or tokens.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Before the static files, so they carry the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
        headers["Referrer-Policy"] = "no-referrer";
        return next(http);
    });

    /// <summary>After the static files: what reaches this point is a page, an API answer or a download.</summary>
    public static IApplicationBuilder UseNoStoreForDynamicResponses(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(http);
    });
}

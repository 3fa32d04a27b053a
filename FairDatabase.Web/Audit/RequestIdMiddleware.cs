namespace FairDatabase.Web.Audit;

/// <summary>
/// Every response names its request in <c>X-Request-Id</c>: the id the audit row and the error
/// page show, so a user's report can be matched to the trail.
/// </summary>
public static class RequestIdMiddleware
{
    public const string Header = "X-Request-Id";

    public static IApplicationBuilder UseRequestIdHeader(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = http.TraceIdentifier;
                return Task.CompletedTask;
            });
            return next(http);
        });
}

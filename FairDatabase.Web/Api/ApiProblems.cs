using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Api;

/// <summary>The JSON API's URL space and its RFC 9457 error bodies for answers given outside MVC (authentication, rate limits, the error page).</summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    /// <summary>The same for an expired, revoked, unknown or malformed token and for no token at all, so a caller learns nothing about which.</summary>
    public const string UnauthorizedDetail = "Send a valid API token as 'Authorization: Bearer fdb_…'. Create one at /account/tokens.";

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static ProblemDetails Create(int status, string title, string detail) => new()
    {
        Type = TypeFor(status),
        Title = title,
        Status = status,
        Detail = detail,
    };

    /// <summary>Writes the problem as the whole response (no trace id: the X-Request-Id header names the request).</summary>
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        await http.Response.WriteAsync(JsonSerializer.Serialize(Create(status, title, detail)), http.RequestAborted);
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        501 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2",
        _ => "about:blank",
    };
}

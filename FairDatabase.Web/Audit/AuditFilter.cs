using System.Diagnostics;
using FairDatabase.Core.Audit;
using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FairDatabase.Web.Audit;

/// <summary>
/// Times every action marked <see cref="AuditedAttribute"/>, result included (a streamed download
/// is timed to its last byte), and records who, what, the answered status, the duration and the
/// request id. Recording only queues the event (<see cref="IAuditLog"/>), so pages do not wait.
/// </summary>
public sealed class AuditFilter(IAuditLog audit, CurrentUser current) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var marks = context.ActionDescriptor.EndpointMetadata.OfType<AuditedAttribute>().ToList();
        if (marks.Count == 0)
        {
            await next();
            return;
        }
        var clock = Stopwatch.StartNew();
        var executed = await next();
        var http = context.HttpContext;
        var mark = marks.FirstOrDefault(m => Applies(m, http));
        if (mark is null) return;

        var status = executed.Exception is not null && !executed.ExceptionHandled ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
        var scope = http.Audit();
        var datasetId = scope.DatasetId ?? (context.RouteData.Values.TryGetValue("id", out var id) && Guid.TryParse(id?.ToString(), out var g) ? g : null);
        var tableFromQuery = http.Request.Query["table_name"].ToString();
        List<string?> tables = scope.Tables.Count > 0 ? [.. scope.Tables] : tableFromQuery.Length is > 0 and <= 200 ? [tableFromQuery] : [null];
        var template = new AuditEvent(mark.Action, status)
        {
            UserId = current.User?.Id ?? scope.UserId,
            DatasetId = datasetId,
            DatasetName = scope.DatasetName ?? FormValue(http, mark.DatasetNameField),
            DurationMs = (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds),
            RequestId = http.TraceIdentifier,
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            Detail = scope.Detail,
        };
        foreach (var table in tables) audit.Record(template with { TableName = table });
    }

    /// <summary>Reads only a form that model binding has already parsed: never the body a second time.</summary>
    private static bool Applies(AuditedAttribute mark, HttpContext http)
    {
        if (mark.WhenField is null) return true;
        return FormValue(http, mark.WhenField) is { } value && mark.WhenValues.Contains(value, StringComparer.Ordinal);
    }

    private static string? FormValue(HttpContext http, string? field) =>
        field is not null && http.Features.Get<IFormFeature>()?.Form is { } form && form[field].ToString() is { Length: > 0 and <= 500 } value
            ? value
            : null;
}

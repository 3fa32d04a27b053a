using FairDatabase.Core.Data;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// Answers a database failure that no action handled with a friendly page and the status the README
/// lists for it (404, 403, 409, 400, 504, 503). Transient failures were already retried.
/// </summary>
internal sealed class DatabaseExceptionFilter(ILogger<DatabaseExceptionFilter> logger) : IExceptionFilter
{
    public static int StatusFor(DbErrorKind kind) => kind switch
    {
        DbErrorKind.NotFound => StatusCodes.Status404NotFound,
        DbErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DbErrorKind.Conflict => StatusCodes.Status409Conflict,
        DbErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        DbErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
        DbErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not DatabaseException db) return;
        var status = StatusFor(db.Kind);
        if (db.Kind == DbErrorKind.Internal)
            logger.LogError(db.InnerException, "Unexpected database failure on {Path}", context.HttpContext.Request.Path);
        else
            logger.LogWarning("Database failure {Kind} (SqlState {SqlState}) on {Path}", db.Kind, db.SqlState, context.HttpContext.Request.Path);
        context.Result = new ViewResult
        {
            ViewName = "Error",
            StatusCode = status,
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<ErrorViewModel>(
                new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
            {
                Model = new ErrorViewModel(status, db.Message, context.HttpContext.TraceIdentifier),
            },
        };
        context.ExceptionHandled = true;
    }
}

using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// When reading the body failed because it passed its limit, the answer is 413 with that reason,
/// whatever stage noticed: the antiforgery filter, for one, reports a form it could not read as
/// an invalid token (400), which would hide the real problem.
/// </summary>
internal sealed class BodyLimitResultFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var http = context.HttpContext;
        if (http.LimitFailure() is not { } failure || http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge) return;
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Result = new ViewResult
        {
            ViewName = "Error",
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<ErrorViewModel>(
                new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
            {
                Model = new ErrorViewModel(StatusCodes.Status413PayloadTooLarge, failure.Message, http.TraceIdentifier),
            },
        };
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

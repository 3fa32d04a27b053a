using FairDatabase.Core.ApiTokens;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FairDatabase.Web.Api;

/// <summary>
/// Names the token in the call's audit row (its id, never the token). A resource filter on the
/// controller, so it runs inside the global audit filter and before the action.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class AuditApiTokenAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.User.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value is { } id)
            context.HttpContext.Audit().Detail = "token " + id;
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}

/// <summary>
/// Refuses a read-scope token with 403 before anything reads the request body. Runs inside the
/// audit filter, so the refusal is recorded like any other call.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequireWriteScopeAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.User.FindFirst(ApiTokenAuthenticationHandler.ScopeClaim)?.Value == ApiTokenScopes.ToText(ApiTokenScope.Write)) return;
        context.Result = new ObjectResult(ApiProblems.Create(StatusCodes.Status403Forbidden, "Forbidden",
            "This token has the read scope; uploading needs a token with the write scope (create one at /account/tokens)."))
        {
            StatusCode = StatusCodes.Status403Forbidden,
            ContentTypes = { ApiProblems.ContentType },
        };
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}

/// <summary>
/// A database failure no action handled, as problem+json with the status the pages use for it
/// (404, 403, 409, 400, 504, 503). Runs before the global filter that renders those as pages.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ApiDatabaseErrorsAttribute : Attribute, IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not Core.Data.DatabaseException db) return;
        var status = Infrastructure.DatabaseExceptionFilter.StatusFor(db.Kind);
        context.Result = new ObjectResult(ApiProblems.Create(status, "Database error", db.Message))
        {
            StatusCode = status,
            ContentTypes = { ApiProblems.ContentType },
        };
        context.ExceptionHandled = true;
    }
}

using FairDatabase.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace FairDatabase.Web.Api;

/// <summary>
/// What every /api/v1 controller shares: bearer tokens only, no antiforgery (no cookie is
/// accepted, so there is nothing to forge), the per-token rate limit, the token named in the
/// audit trail, and errors as problem+json.
/// </summary>
[ApiController]
[Authorize(AuthenticationSchemes = ApiTokenAuthenticationHandler.SchemeName)]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(ApiRegistration.RatePolicy)]
[AuditApiToken]
[ApiDatabaseErrors]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, ApiProblems.ContentType)]
public abstract class ApiControllerBase : ControllerBase
{
    protected ObjectResult ApiProblem(int status, string title, string detail) =>
        new(ApiProblems.Create(status, title, detail)) { StatusCode = status, ContentTypes = { ApiProblems.ContentType } };

    protected ObjectResult NoSuch(string what) => ApiProblem(StatusCodes.Status404NotFound, "Not found", $"No such {what}.");

    protected static JsonResult ApiOk(object value) => new(value, ApiJson.Options);
}

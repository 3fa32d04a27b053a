using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Api;

/// <summary>Any other /api URL: a 404 problem rather than the pages' sign-in redirect.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ApiFallbackController : ControllerBase
{
    [Route("api/{**rest}")]
    public IActionResult NotFoundProblem() =>
        new ObjectResult(ApiProblems.Create(StatusCodes.Status404NotFound, "Not found", "No such API route; the routes are listed at /api/v1/openapi.json."))
        {
            StatusCode = StatusCodes.Status404NotFound,
            ContentTypes = { ApiProblems.ContentType },
        };
}

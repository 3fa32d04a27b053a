using FairDatabase.Core.Audit;
using FairDatabase.Core.Releases;
using FairDatabase.Web.Audit;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Api;

/// <summary>
/// GET /api/v1/releases and /{id}: the releases the token's owner may see, read through the
/// release feature's <see cref="IReleaseReader"/> as that user (RLS decides what is visible, so a
/// release the caller may not see answers 404 like a missing one). Until a release implementation
/// is registered the routes answer 501.
/// </summary>
[Route("api/v1/releases")]
public sealed class ApiReleasesController(IServiceProvider services) : ApiControllerBase
{
    /// <summary>The releases you may see, newest first.</summary>
    [HttpGet("")]
    [Audited(AuditActions.ApiReleasesList)]
    [ProducesResponseType<IReadOnlyList<ReleaseSummary>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status501NotImplemented, ApiProblems.ContentType)]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Reader() is { } reader ? ApiOk(await reader.ListVisibleAsync(ct)) : NotAvailable();

    /// <summary>One release: its metadata, fields, risk figures and lineage.</summary>
    [HttpGet("{id}")]
    [Audited(AuditActions.ApiReleaseRead)]
    [ProducesResponseType<Release>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status501NotImplemented, ApiProblems.ContentType)]
    public async Task<IActionResult> Get(string id, CancellationToken ct)
    {
        if (Reader() is not { } reader) return NotAvailable();
        return Guid.TryParse(id, out var releaseId) && await reader.FindAsync(releaseId, ct) is { } release
            ? ApiOk(release)
            : NoSuch("release");
    }

    // Resolved per call rather than injected: this server may run without the release feature.
    private IReleaseReader? Reader() => services.GetService<IReleaseReader>();

    private ObjectResult NotAvailable() =>
        ApiProblem(StatusCodes.Status501NotImplemented, "Releases unavailable", "This server does not offer releases yet.");
}

using FairDatabase.Core.Audit;
using FairDatabase.Core.Releases;
using FairDatabase.Web.Audit;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Api;

/// <summary>
/// GET /api/v1/releases and /{id}: the releases the token's owner may see, read through the
/// release feature's <see cref="IReleaseReader"/> as that user (RLS decides what is visible, so a
/// release the caller may not see answers 404 like a missing one).
/// </summary>
[Route("api/v1/releases")]
public sealed class ApiReleasesController(IReleaseReader reader) : ApiControllerBase
{
    /// <summary>The releases you may see, newest first.</summary>
    [HttpGet("")]
    [Audited(AuditActions.ApiReleasesList)]
    [ProducesResponseType<IReadOnlyList<ReleaseSummary>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> List(CancellationToken ct) => ApiOk(await reader.ListVisibleAsync(ct));

    /// <summary>One release: its metadata, fields, risk figures and lineage.</summary>
    [HttpGet("{id}")]
    [Audited(AuditActions.ApiReleaseRead)]
    [ProducesResponseType<Release>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    public async Task<IActionResult> Get(string id, CancellationToken ct)
    {
        return Guid.TryParse(id, out var releaseId) && await reader.FindAsync(releaseId, ct) is { } release
            ? ApiOk(release)
            : NoSuch("release");
    }
}

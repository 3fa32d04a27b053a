using FairDatabase.Core.Audit;
using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Creation;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// Releases: the form on an anonymized dataset (owner only), the list, and the landing page and
/// data.csv, which visitors reach without a session. What a caller may see is decided by RLS
/// (<see cref="IReleaseReader"/> runs as the user or as anon): a private release answers 404 to
/// anyone else, exactly like a missing one. No route changes a release once created.
/// </summary>
public sealed class ReleasesController(IReleaseReader reader, CurrentUser current) : Controller
{
    public const string NotFoundMessage = "No such release.";

    [HttpGet("datasets/{id}/release")]
    public async Task<IActionResult> New(string id, [FromServices] IReleaseCreator creator, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var datasetId) || await creator.DraftAsync(datasetId, ct) is not { } draft)
            return DatasetAccessController.DatasetNotFound(this);
        var form = new ReleaseForm(draft.Dataset.DisplayName, draft.Dataset.Description, current.Email, "CC-BY-4.0", "", "private");
        if (draft.Problem is { } problem)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", new ReleaseFormViewModel(draft, form, problem.Message, problem.Field));
        }
        return View("New", new ReleaseFormViewModel(draft, form));
    }

    [HttpPost("datasets/{id}/release")]
    [Audited(AuditActions.Release)]
    public async Task<IActionResult> Create(string id, [FromForm] string? title, [FromForm] string? description, [FromForm] string? creators,
        [FromForm] string? license, [FromForm] string? keywords, [FromForm] string? visibility, [FromServices] IReleaseCreator creator, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var datasetId)) return DatasetAccessController.DatasetNotFound(this);
        HttpContext.Audit().DatasetId = datasetId;
        var form = new ReleaseForm(title, description, creators, license, keywords, visibility);
        try
        {
            if (await creator.CreateAsync(datasetId, form, ct) is not { } releaseId) return DatasetAccessController.DatasetNotFound(this);
            HttpContext.Audit().Detail = $"release {releaseId} ({form.Visibility?.Trim().ToLowerInvariant()})";
            return Redirect($"/releases/{releaseId}");
        }
        catch (ReleaseValidationException e)
        {
            if (await creator.DraftAsync(datasetId, ct) is not { } draft) return DatasetAccessController.DatasetNotFound(this);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", new ReleaseFormViewModel(draft, form, e.Message, e.Field));
        }
    }

    [HttpGet("releases")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(new ReleaseListViewModel(await reader.ListVisibleAsync(ct)));

    [AllowAnonymous]
    [HttpGet("releases/{id}")]
    public async Task<IActionResult> Show(string id, [FromServices] IServiceProvider services, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var releaseId) || await reader.FindAsync(releaseId, ct) is not { } release) return ReleaseNotFound();
        var landing = new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/releases/{release.Id}");
        // The exports feature supplies the builder; the text is escaped so it cannot close the script element.
        var jsonLd = services.GetService<IReleaseJsonLd>()?.Build(release, landing)
            .Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal);
        return View("Show", new ReleasePageViewModel(release, current.UserId == release.OwnerId, jsonLd));
    }

    [AllowAnonymous]
    [HttpGet("releases/{id}/data.csv")]
    public async Task<IActionResult> Data(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var releaseId) || await reader.FindAsync(releaseId, ct) is not { } release) return ReleaseNotFound();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.ContentLength = release.DataBytes;
        Response.Headers.ContentDisposition = "attachment; filename=\"data.csv\"";
        await reader.CopyDataCsvAsync(releaseId, Response.Body, ct);
        return new EmptyResult();
    }

    private ViewResult ReleaseNotFound()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Error", new ErrorViewModel(StatusCodes.Status404NotFound, NotFoundMessage, HttpContext.TraceIdentifier));
    }
}

using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Datasets.Metadata;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /datasets/{id}/metadata: attach a sample-metadata file to a stored table (or replace it).
/// Someone else's dataset gets the same 404 as a missing one.
/// </summary>
[Route("datasets/{id:guid}/metadata")]
public sealed class SampleMetadataController(ISampleMetadata metadata, IUserTableCatalog catalog, CurrentUser current) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id, CancellationToken ct) =>
        await metadata.FindAsync(id, UserId, ct) is { } target ? View(new SampleMetadataViewModel(target)) : Missing();

    [HttpPost("")]
    public async Task<IActionResult> Attach(Guid id, CancellationToken ct)
    {
        var target = await metadata.FindAsync(id, UserId, ct);
        if (target is null) return Missing();
        var file = Request.HasFormContentType ? (await Request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
            return Failure(target, "Choose a metadata file (.csv, .tsv or .txt) whose first column holds the sample ids.");
        try
        {
            await using var stream = file.OpenReadStream();
            var result = await metadata.AttachAsync(id, stream, file.FileName, UserId, ct);
            catalog.Invalidate(UserId);
            return View("Index", new SampleMetadataViewModel(await metadata.FindAsync(id, UserId, ct) ?? target, result));
        }
        catch (UploadValidationException e)
        {
            return Failure(target, e.Message, e.Problem == UploadProblem.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
        catch (KeyNotFoundException)
        {
            return Missing();
        }
    }

    private Guid UserId => current.Identity?.UserId ?? throw new InvalidOperationException("The login filter lets only signed-in users here.");

    private ViewResult Failure(MetadataTarget target, string message, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View("Index", new SampleMetadataViewModel(target, Error: message));
    }

    private NotFoundObjectResult Missing() => NotFound("No such dataset.");
}

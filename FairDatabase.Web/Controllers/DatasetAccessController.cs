using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Sharing;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /datasets/{id}/access: the owner grants and revokes read access by e-mail. Anything that is
/// not the owner acting on a real grantee (someone else's dataset, an unknown e-mail, a second
/// revoke) answers exactly as a dataset that does not exist, so nothing can be probed.
/// </summary>
[Route("datasets/{id}/access")]
public sealed class DatasetAccessController(DatasetList datasets, IDatasetSharing sharing) : Controller
{
    public const string NotFoundMessage = "No such dataset.";

    [HttpGet("")]
    public async Task<IActionResult> Index(string id, [FromQuery] string? done, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var datasetId) || await datasets.FindOwnedAsync(datasetId, ct) is not { } dataset)
            return DatasetNotFound(this);
        var grantees = await sharing.GranteesAsync(datasetId, ct);
        var message = done switch
        {
            "shared" => "Access granted.",
            "revoked" => "Access revoked.",
            _ => null,
        };
        return View(new DatasetAccessViewModel(dataset, grantees, message));
    }

    [HttpPost("")]
    [Audited(AuditActions.Share)]
    public async Task<IActionResult> Grant(string id, [FromForm] string? email, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var datasetId)) return DatasetNotFound(this);
        if (string.IsNullOrWhiteSpace(email) || email.Length > 320)
        {
            // Only the owner learns that the field was empty; everyone else gets the usual 404.
            if (await datasets.FindOwnedAsync(datasetId, ct) is not { } dataset) return DatasetNotFound(this);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new DatasetAccessViewModel(dataset, await sharing.GranteesAsync(datasetId, ct),
                "Enter the e-mail address of a registered user.", IsError: true));
        }
        HttpContext.Audit().Detail = email.Trim().ToLowerInvariant();
        return await sharing.ShareAsync(datasetId, email, ct)
            ? Redirect($"/datasets/{datasetId}/access?done=shared")
            : DatasetNotFound(this);
    }

    [HttpPost("revoke")]
    [Audited(AuditActions.Revoke)]
    public async Task<IActionResult> Revoke(string id, [FromForm] string? email, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var datasetId) || string.IsNullOrWhiteSpace(email) || email.Length > 320)
            return DatasetNotFound(this);
        HttpContext.Audit().Detail = email.Trim().ToLowerInvariant();
        return await sharing.RevokeAsync(datasetId, email, ct)
            ? Redirect($"/datasets/{datasetId}/access?done=revoked")
            : DatasetNotFound(this);
    }

    /// <summary>The one answer for "not yours or not there", shared with the audit page.</summary>
    internal static ViewResult DatasetNotFound(Controller controller)
    {
        controller.Response.StatusCode = StatusCodes.Status404NotFound;
        return controller.View("Error", new ErrorViewModel(StatusCodes.Status404NotFound, NotFoundMessage, controller.HttpContext.TraceIdentifier));
    }
}

using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Web.Models;
using FairDatabase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>Download of the anonymization working copy, and leaving the workflow for the dashboard.</summary>
public sealed class WorkingCopyController(IAnonymizationWorkspaceStore store, IWorkingCopyLoader loader) : Controller
{
    [HttpGet("/data/download")]
    public async Task<IActionResult> Download(CancellationToken ct)
    {
        if (await loader.OpenAsync(ct) is not { } copy)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Error", new ErrorViewModel(StatusCodes.Status404NotFound,
                "There is no working copy yet: start the anonymization workflow first.", HttpContext.TraceIdentifier));
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(copy.State.Source?.Name)}-anonymized.csv\"";
        try
        {
            // Streamed a block of rows at a time; a source that has gone fails before the first byte.
            await WorkingCopyCsv.WriteAsync(copy, Response.Body, null, ct);
            return new EmptyResult();
        }
        catch (WorkingCopySourceGoneException e) when (!Response.HasStarted)
        {
            Response.ContentType = null;
            Response.Headers.ContentDisposition = default;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Error", new ErrorViewModel(StatusCodes.Status404NotFound, e.Message, HttpContext.TraceIdentifier));
        }
    }

    /// <summary>
    /// FAIRDatabase's link back to the dashboard. A GET changes nothing (a link, a prefetch or
    /// another site's image tag must not wipe the working copy): it asks for confirmation with a
    /// form that POSTs.
    /// </summary>
    [HttpGet("/dashboard/return_to_dashboard")]
    public IActionResult ConfirmReturn() => View();

    /// <summary>Leaving resets the workflow so the next visit starts fresh.</summary>
    [HttpPost("/dashboard/return_to_dashboard")]
    public async Task<IActionResult> ReturnToDashboard(CancellationToken ct)
    {
        await store.ResetAsync(ct);
        return Redirect("/dashboard");
    }

    private static string FileName(string? source)
    {
        var name = Path.GetFileNameWithoutExtension(source ?? "working-copy");
        var safe = DownloadFileName.Safe(name);
        return safe.Length == 0 ? "working-copy" : safe;
    }
}

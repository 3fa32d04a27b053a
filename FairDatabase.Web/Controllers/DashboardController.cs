using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>The signed-in landing page: the user's datasets, newest first, paged, then those shared with the user.</summary>
public sealed class DashboardController(CurrentUser current, DatasetList datasets) : Controller
{
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, [FromQuery] Guid? uploaded = null, CancellationToken ct = default)
    {
        if (page < 1 || ModelState.GetFieldValidationState(nameof(page)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Error", new ErrorViewModel(StatusCodes.Status400BadRequest, "The page must be a whole number from 1 up.", HttpContext.TraceIdentifier));
        }
        var (list, shared) = await datasets.GetDashboardAsync(page, DatasetList.DefaultPageSize, ct);
        var justUploaded = uploaded is { } id ? await datasets.FindOwnedAsync(id, ct) : null;
        return View(new DashboardViewModel(current.Email ?? "", list, justUploaded, shared));
    }
}

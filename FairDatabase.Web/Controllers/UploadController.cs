using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Datasets;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /dashboard/upload. The body is streamed straight into the importer, so the antiforgery check
/// is done here (reading the token from the header the page's script sends) rather than by the
/// global filter, which would buffer the whole form first.
/// </summary>
[Route("dashboard/upload")]
public sealed class UploadController(IDatasetImporter importer, IUserTableCatalog catalog, CurrentUser current,
    IAntiforgery antiforgery, IOptions<UploadOptions> options) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new UploadViewModel(options.Value.MaxFileSizeBytes));

    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [DisableRequestSizeLimit]
    [DisableFormValueModelBinding]
    [RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue, ValueLengthLimit = 1 << 20)]
    [Audited(AuditActions.Upload)]
    public async Task<IActionResult> Upload(CancellationToken ct)
    {
        var limit = options.Value.MaxFileSizeBytes;
        // Refuse at once what cannot fit, before reading a byte (1 MB allows for the form around the file).
        if (Request.ContentLength > limit + (1 << 20))
            return Failure(StatusCodes.Status413PayloadTooLarge, $"The file is larger than the {limit / (1024 * 1024)} MB limit.");
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Failure(StatusCodes.Status400BadRequest, "The form has expired. Reload the page and try again.");
        }
        if (!Request.HasFormContentType)
            return Failure(StatusCodes.Status400BadRequest, "Choose a file to upload (a .csv, .tsv, .txt, .biom or .qza table).");

        var userId = current.Identity?.UserId ?? throw new InvalidOperationException("The login filter lets only signed-in users here.");
        ImportResult? result;
        try
        {
            result = await UploadFormReader.ReadAsync(Request, (body, request) => importer.ImportAsync(body, request, userId, ct), ct);
        }
        catch (UploadValidationException e)
        {
            return Failure(e.Problem == UploadProblem.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, e.Message);
        }
        if (result is null) return Failure(StatusCodes.Status400BadRequest, "Choose a file to upload (a .csv, .tsv, .txt, .biom or .qza table).");

        catalog.Invalidate(userId);
        HttpContext.Audit().DatasetId = result.DatasetId;
        var redirect = $"/dashboard?uploaded={result.DatasetId}";
        return WantsJson()
            ? Json(new { ok = true, datasetId = result.DatasetId, name = result.DisplayName, rows = result.Rows, columns = result.Columns, tables = result.Tables, detected = result.Detected, redirect })
            : Redirect(redirect);
    }

    private IActionResult Failure(int status, string message)
    {
        Response.StatusCode = status;
        return WantsJson()
            ? Json(new { ok = false, error = message })
            : View("Index", new UploadViewModel(options.Value.MaxFileSizeBytes, message));
    }

    private bool WantsJson() => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
}

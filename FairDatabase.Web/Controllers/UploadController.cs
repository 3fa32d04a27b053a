using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Datasets;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// /dashboard/upload. The body is streamed straight into the importer, so the antiforgery check
/// is done here (reading the token from the header the page's script sends, or from the form field
/// the page puts before the file) rather than by the global filter, which would read the whole form first.
/// </summary>
[Route("dashboard/upload")]
public sealed class UploadController(IDatasetImporter importer, IUserTableCatalog catalog, CurrentUser current,
    IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IOptions<UploadOptions> options,
    IOptions<RequestLimitOptions> requestLimits) : Controller
{
    private const string ExpiredForm = "The form has expired. Reload the page and try again.";

    [HttpGet("")]
    public IActionResult Index() => View(new UploadViewModel(options.Value.MaxFileSizeBytes));

    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    [Audited(AuditActions.Upload)]
    public async Task<IActionResult> Upload(CancellationToken ct)
    {
        // The body limit itself (file limit plus form overhead, chunked bodies counted as they
        // arrive) is enforced before this runs; see RequestBodyLimits.
        var tokenInHeader = Request.Headers.ContainsKey(antiforgeryOptions.Value.HeaderName!);
        if (tokenInHeader && !await IsValidTokenAsync())
            return Failure(StatusCodes.Status400BadRequest, ExpiredForm);
        if (!Request.HasFormContentType)
            return Failure(StatusCodes.Status400BadRequest, "Choose a file to upload (a .csv, .tsv, .txt, .biom or .qza table).");

        var userId = current.Identity?.UserId ?? throw new InvalidOperationException("The login filter lets only signed-in users here.");
        var guard = new UploadFormGuard(requestLimits.Value.MaxFormFieldBytes, antiforgeryOptions.Value.FormFieldName, async formToken =>
        {
            if (tokenInHeader) return;
            // A plain form post carries the token as a field before the file: check it before reading the file.
            if (formToken is not null) Request.Headers[antiforgeryOptions.Value.HeaderName!] = formToken;
            if (formToken is null || !await IsValidTokenAsync()) throw new AntiforgeryValidationException(ExpiredForm);
        });
        ImportResult? result;
        try
        {
            result = await UploadFormReader.ReadAsync(Request, guard, (body, request) => importer.ImportAsync(body, request, userId, ct), ct);
        }
        catch (UploadValidationException e)
        {
            return Failure(e.Problem switch
            {
                UploadProblem.TooLarge or UploadProblem.QuotaExceeded => StatusCodes.Status413PayloadTooLarge,
                UploadProblem.TooManyDatasets => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            }, e.Message);
        }
        catch (RequestBodyTooLargeException e)
        {
            return Failure(StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        catch (AntiforgeryValidationException)
        {
            // Without a valid token nothing is kept; the rest is discarded unread-into-memory, so an
            // oversized body still gets its 413 and a small one the reason it was refused.
            try
            {
                await Request.Body.CopyToAsync(Stream.Null, ct);
            }
            catch (RequestBodyTooLargeException e)
            {
                return Failure(StatusCodes.Status413PayloadTooLarge, e.Message);
            }
            return Failure(StatusCodes.Status400BadRequest, ExpiredForm);
        }
        if (result is null) return Failure(StatusCodes.Status400BadRequest, "Choose a file to upload (a .csv, .tsv, .txt, .biom or .qza table).");

        catalog.Invalidate(userId);
        HttpContext.Audit().DatasetId = result.DatasetId;
        var redirect = $"/dashboard?uploaded={result.DatasetId}";
        return WantsJson()
            ? Json(new { ok = true, datasetId = result.DatasetId, name = result.DisplayName, rows = result.Rows, columns = result.Columns, tables = result.Tables, detected = result.Detected, redirect })
            : Redirect(redirect);
    }

    private async Task<bool> IsValidTokenAsync() => await antiforgery.IsRequestValidAsync(HttpContext);

    private IActionResult Failure(int status, string message)
    {
        Response.StatusCode = status;
        return WantsJson()
            ? Json(new { ok = false, error = message })
            : View("Index", new UploadViewModel(options.Value.MaxFileSizeBytes, message));
    }

    private bool WantsJson() => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
}

using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Datasets;
using FairDatabase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FairDatabase.Web.Api;

/// <summary>
/// POST /api/v1/datasets: the upload page's importer and limits, for scripts. The body is bounded
/// before anything reads it (see RequestBodyLimits) and streamed into the importer: a multipart
/// form (fields before <c>file</c>, as on the page) or the table itself as a text/csv body.
/// </summary>
[Route("api/v1/datasets")]
public sealed class ApiUploadController(IDatasetImporter importer, IUserTableCatalog catalog, DatasetList datasets, CurrentUser current,
    IOptions<RequestLimitOptions> requestLimits) : ApiControllerBase
{
    private static readonly Dictionary<string, string> BodyKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/csv"] = ".csv", ["text/plain"] = ".csv", ["text/tab-separated-values"] = ".tsv",
    };

    /// <summary>
    /// Stores a table as a new dataset (write scope). Multipart: <c>file</c>, with <c>name</c>,
    /// <c>description</c>, <c>origin</c>, <c>orientation</c>, <c>encoding</c> as fields before it.
    /// A text/csv (or text/tab-separated-values) body: the same as query parameters, <c>name</c> required.
    /// </summary>
    [HttpPost("")]
    [RequireWriteScope]
    [DisableFormValueModelBinding]
    [Audited(AuditActions.ApiDatasetUpload)]
    [ProducesResponseType<ApiDataset>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, ApiProblems.ContentType)]
    public async Task<IActionResult> Create([FromQuery] string? name, [FromQuery] string? description, [FromQuery] string? origin,
        [FromQuery] string? orientation, [FromQuery] string? encoding, CancellationToken ct)
    {
        var userId = current.UserId ?? throw new InvalidOperationException("The bearer scheme lets only token owners here.");
        var mediaType = MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) ? type.MediaType.Value ?? "" : "";
        ImportResult? result;
        try
        {
            if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var guard = new UploadFormGuard(requestLimits.Value.MaxFormFieldBytes, TokenFieldName: "", _ => Task.CompletedTask) { AcceptsName = true };
                result = await UploadFormReader.ReadAsync(Request, guard, (body, request) => importer.ImportAsync(body, request.Named(name), userId, ct), ct);
                if (result is null) return BadInput("The form has no 'file' part: send the table as the part named file.");
            }
            else if (BodyKinds.TryGetValue(mediaType, out var extension))
            {
                if (string.IsNullOrWhiteSpace(name)) return BadInput("Name the dataset with the 'name' query parameter.");
                var request = new UploadRequest("upload" + extension, description, origin).WithChoices(orientation, encoding).Named(name);
                result = await importer.ImportAsync(Request.Body, request, userId, ct);
            }
            else
            {
                return ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "Send multipart/form-data with a 'file' part, or the table itself as text/csv or text/tab-separated-values.");
            }
        }
        catch (UploadValidationException e)
        {
            return e.Problem switch
            {
                UploadProblem.TooLarge or UploadProblem.QuotaExceeded => ApiProblem(StatusCodes.Status413PayloadTooLarge, "Too large", e.Message),
                UploadProblem.TooManyDatasets => ApiProblem(StatusCodes.Status403Forbidden, "Dataset limit reached", e.Message),
                _ => BadInput(e.Message),
            };
        }
        catch (RequestBodyTooLargeException e)
        {
            return ApiProblem(StatusCodes.Status413PayloadTooLarge, "Too large", e.Message);
        }
        catch (InvalidDataException)
        {
            return BadInput("The multipart body could not be read (boundary or part headers are malformed).");
        }

        catalog.Invalidate(userId);
        HttpContext.Audit().DatasetId = result.DatasetId;
        var stored = await datasets.FindAsync(result.DatasetId, ct)
            ?? throw new InvalidOperationException("A dataset just stored is not readable by its owner.");
        var location = $"/api/v1/datasets/{result.DatasetId}";
        Response.Headers.Location = location;
        return new JsonResult(ApiDataset.From(stored), ApiJson.Options) { StatusCode = StatusCodes.Status201Created };
    }

    private ObjectResult BadInput(string detail) => ApiProblem(StatusCodes.Status400BadRequest, "The upload was refused", detail);
}

using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Audit;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Api;

/// <summary>
/// GET /api/v1/datasets, /{id} and /{id}/data.csv: the same datasets and rows the pages show,
/// read as the token's owner (RLS), so someone else's dataset is a 404 exactly like a missing one.
/// Uploads are in <see cref="ApiUploadController"/>.
/// </summary>
[Route("api/v1/datasets")]
public sealed class ApiDatasetsController(DatasetList datasets, CurrentUser current) : ApiControllerBase
{
    public const int DefaultPageSize = 100;

    /// <summary>One page of your datasets (newest first) and every dataset shared with you.</summary>
    [HttpGet("")]
    [Audited(AuditActions.ApiDatasetsList)]
    [ProducesResponseType<ApiDatasetList>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> List([FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        if (!TryPositive(page, 1, out var pageNumber))
            return ApiProblem(StatusCodes.Status400BadRequest, "Bad page", "page must be a whole number, 1 or more.");
        if (!TryPositive(pageSize, DefaultPageSize, out var size) || size > 200)
            return ApiProblem(StatusCodes.Status400BadRequest, "Bad page size", "page_size must be a whole number from 1 to 200.");
        var own = await datasets.GetPageAsync(pageNumber, size, ct);
        var shared = await datasets.GetSharedAsync(ct);
        return ApiOk(new ApiDatasetList(own.Page, own.PageSize, own.PageCount, own.Total,
            [.. own.Items.Select(ApiDataset.From)], [.. shared.Select(ApiDataset.From)]));
    }

    /// <summary>One dataset you own or that was shared with you.</summary>
    [HttpGet("{id}")]
    [Audited(AuditActions.ApiDatasetRead)]
    [ProducesResponseType<ApiDataset>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    public async Task<IActionResult> Get(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var datasetId) && await datasets.FindAsync(datasetId, ct) is { } dataset
            ? ApiOk(ApiDataset.From(dataset))
            : NoSuch("dataset");

    /// <summary>The dataset's rows as one CSV with the uploaded header (sample ids as stored: hashed).</summary>
    [HttpGet("{id}/data.csv")]
    [Audited(AuditActions.ApiDatasetDownload)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
    public async Task<IActionResult> Data(string id, [FromServices] IUserTableCatalog catalog, [FromServices] IOriginalHeaders headers,
        [FromServices] TableExporter exporter, [FromServices] ExportSlots slots, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var datasetId) || await datasets.FindAsync(datasetId, ct) is not { } dataset) return NoSuch("dataset");
        using var slot = slots.TryEnter(current.UserId ?? Guid.Empty);
        if (slot is null)
        {
            Response.Headers.RetryAfter = "30";
            return ApiProblem(StatusCodes.Status429TooManyRequests, "Too many downloads", "You already have downloads running; wait for one to finish.");
        }
        var readable = (await catalog.GetAsync(ct)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var chunks = new List<ExportTable>();
        foreach (var name in dataset.TableNames)
            if (readable.TryGetValue(name, out var table)) chunks.Add(new ExportTable(table, await headers.HeaderForAsync(table, ct)));
        HttpContext.Audit().Tables.AddRange(chunks.Select(c => c.Table.Name));
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{DownloadFileName.Safe(dataset.DisplayName)}.csv\"";
        await exporter.WriteCsvAsync(chunks, Response.Body, ct);
        return new EmptyResult();
    }

    private static bool TryPositive(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= 1;
    }
}

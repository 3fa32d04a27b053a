using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Explore;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>A dataset's own page: its column statistics (and columns.json) and its download.</summary>
[Route("datasets/{id:guid}")]
public sealed class ExploreController(DatasetList datasets, IColumnStatisticsService statistics) : Controller
{
    public const int ColumnsPerPage = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id, [FromQuery] string? q, [FromQuery] int page, CancellationToken ct)
    {
        var dataset = await datasets.FindAsync(id, ct);
        var columns = dataset is null ? null : await statistics.GetAsync(id, ct);
        if (dataset is null || columns is null) return NotFoundPage();
        var filter = q?.Trim();
        var matching = string.IsNullOrEmpty(filter) ? columns
            : columns.Where(c => c.OriginalName.Contains(filter, StringComparison.OrdinalIgnoreCase)
                || c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        var pageCount = Math.Max(1, (matching.Count + ColumnsPerPage - 1) / ColumnsPerPage);
        page = Math.Clamp(page, 1, pageCount);
        var shown = matching.Skip((page - 1) * ColumnsPerPage).Take(ColumnsPerPage).ToList();
        return View(new DatasetExploreViewModel(dataset, shown, columns.Count, matching.Count, filter, page, pageCount,
            columns.Count(c => c.IsNumeric)));
    }

    [HttpGet("columns.json")]
    public async Task<IActionResult> Columns(Guid id, CancellationToken ct) =>
        await statistics.GetJsonAsync(id, ct) is { } json
            ? Content(json, "application/json")
            : NotFound(new { error = "Dataset not found." });

    [HttpGet("download")]
    public async Task<IActionResult> Download(Guid id, [FromServices] IUserTableCatalog catalog, [FromServices] IOriginalHeaders headers,
        [FromServices] TableExporter exporter, CancellationToken ct)
    {
        var dataset = await datasets.FindAsync(id, ct);
        if (dataset is null) return NotFoundPage();
        var owned = (await catalog.GetAsync(ct)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var exports = new List<ExportTable>();
        foreach (var name in dataset.TableNames)
            if (owned.TryGetValue(name, out var table)) exports.Add(new ExportTable(table, await headers.HeaderForAsync(table, ct)));
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{DownloadFileName.Safe(dataset.DisplayName)}.zip\"";
        await exporter.WriteZipAsync(exports, Response.Body, ct);
        return new EmptyResult();
    }

    private ViewResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Error", new ErrorViewModel(StatusCodes.Status404NotFound, "Dataset not found.", HttpContext.TraceIdentifier));
    }
}

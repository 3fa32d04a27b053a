using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Auth;
using FairDatabase.Web.Audit;
using FairDatabase.Core.Explore;
using FairDatabase.Web.Infrastructure;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>Search, preview, download and correct the signed-in user's tables (FAIRDatabase's /dashboard/* URLs).</summary>
[Route("dashboard")]
public sealed class DatasetsController(IDatasetBrowser browser, TableExporter exporter, IOriginalHeaders headers, IColumnStatisticsStore statistics,
    ExportSlots slots, CurrentUser current) : Controller
{
    [HttpGet("search")]
    public async Task<IActionResult> Search(CancellationToken ct) =>
        View(new SearchViewModel(await browser.ListTablesAsync(ct), null, null));

    [HttpPost("search")]
    public async Task<IActionResult> Search([FromForm] string? search, CancellationToken ct)
    {
        var all = await browser.ListTablesAsync(ct);
        if (string.IsNullOrWhiteSpace(search))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new SearchViewModel(all, search, null, "Enter part of a column name to search for.", IsError: true));
        }
        var matches = await browser.SearchByColumnAsync(search.Trim(), ct);
        return View(new SearchViewModel(all, search.Trim(), matches));
    }

    /// <summary>FAIRDatabase's download is a GET (scripts use it): the same ZIP as the form's POST.</summary>
    [HttpGet("display")]
    [Audited(AuditActions.Download)]
    public Task<IActionResult> DisplayByLink([FromQuery] string? search, CancellationToken ct) => Display(search, ct);

    [HttpPost("display")]
    [Audited(AuditActions.Download)]
    public async Task<IActionResult> Display([FromForm] string? search, CancellationToken ct)
    {
        var term = search?.Trim() ?? "";
        var matching = term.Length == 0 ? [] : await browser.TablesWithColumnAsync(term, ct);
        if (matching.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Search", new SearchViewModel(await browser.ListTablesAsync(ct), term, [],
                term.Length == 0 ? "Search for a column first, then download." : $"No table has a column matching '{term}'.", IsError: true));
        }

        using var slot = slots.TryEnter(current.UserId ?? Guid.Empty);
        if (slot is null)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "30";
            return View("Search", new SearchViewModel(await browser.ListTablesAsync(ct), term, [],
                "You already have downloads running. Wait for one to finish, then try again.", IsError: true));
        }
        HttpContext.Audit().Tables.AddRange(matching.Select(t => t.Name));
        HttpContext.Audit().Detail = "search: " + term;
        var exports = new List<ExportTable>();
        foreach (var table in matching) exports.Add(new ExportTable(table, await headers.HeaderForAsync(table, ct)));
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"fairdatabase-{DownloadFileName.Safe(term, 40)}.zip\"";
        await exporter.WriteZipAsync(exports, Response.Body, ct);
        return new EmptyResult();
    }

    [HttpGet("table_preview")]
    [Audited(AuditActions.Preview)]
    public async Task<IActionResult> TablePreview([FromQuery(Name = "table_name")] string? tableName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(tableName))
            return ErrorPage(StatusCodes.Status400BadRequest, "Give the name of a table to preview (table_name).");
        var preview = await browser.PreviewAsync(tableName, ct);
        return preview is null
            ? ErrorPage(StatusCodes.Status404NotFound, "Table not found.")
            : View(new PreviewViewModel(preview));
    }

    [HttpPost("update")]
    [Audited(AuditActions.Update)]
    public async Task<IActionResult> Update([FromForm(Name = "row_id")] string? rowId, [FromForm(Name = "column_name")] string? columnName,
        [FromForm(Name = "new_value")] string? newValue, CancellationToken ct)
    {
        var all = await browser.ListTablesAsync(ct);
        IActionResult Answer(int status, string message)
        {
            Response.StatusCode = status;
            return View("Search", new SearchViewModel(all, null, null, message, IsError: status >= 400));
        }

        if (!int.TryParse(rowId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row))
            return Answer(StatusCodes.Status400BadRequest, "The row id must be a whole number.");
        if (string.IsNullOrWhiteSpace(columnName))
            return Answer(StatusCodes.Status400BadRequest, "Choose the column to change.");
        if (newValue is null)
            return Answer(StatusCodes.Status400BadRequest, "Give the new value.");
        HttpContext.Audit().Detail = $"row {row}, column {columnName.Trim()}"; // never the value
        try
        {
            var changed = await browser.UpdateCellAsync(row, columnName.Trim(), newValue, ct);
            // The kept column statistics of the changed datasets no longer hold.
            if (changed > 0) await statistics.InvalidateTablesAsync((await browser.TablesWithColumnAsync(columnName.Trim(), ct)).Select(t => t.Name).ToList(), ct);
            return changed == 0
                ? Answer(StatusCodes.Status404NotFound, $"No row {row} with a column '{columnName.Trim()}' was found in your tables.")
                : Answer(StatusCodes.Status200OK, $"Row {row}, column '{columnName.Trim()}' updated in {changed} table(s).");
        }
        catch (CellUpdateRejectedException e)
        {
            return Answer(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private ViewResult ErrorPage(int status, string message)
    {
        Response.StatusCode = status;
        return View("Error", new ErrorViewModel(status, message, HttpContext.TraceIdentifier));
    }
}

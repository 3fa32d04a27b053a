using System.Globalization;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Explore;
using FairDatabase.Core.Explore.Diversity;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>Alpha and beta diversity of a dataset: the page (drawn by its script) and diversity.json.</summary>
[Route("datasets/{id:guid}")]
public sealed class DiversityController(DatasetList datasets, IColumnStatisticsService statistics, IDiversityService diversity) : Controller
{
    [HttpGet("diversity")]
    public async Task<IActionResult> Index(Guid id, [FromQuery] string? metric, [FromQuery] string? pseudocount,
        [FromQuery] string[]? exclude, [FromQuery] string? group, CancellationToken ct)
    {
        var dataset = await datasets.FindAsync(id, ct);
        var columns = dataset is null ? null : await statistics.GetAsync(id, ct);
        if (dataset is null || columns is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Error", new ErrorViewModel(StatusCodes.Status404NotFound, "Dataset not found.", HttpContext.TraceIdentifier));
        }
        var query = Request.QueryString.HasValue ? Request.QueryString.Value : "";
        return View(new DiversityViewModel(dataset, columns.Skip(1).Where(c => c.IsNumeric).ToList(),
            columns.Skip(1).Where(c => c.Type != ColumnStatistics.Empty).ToList(),
            metric ?? DiversityRequest.BrayCurtis, pseudocount ?? "1", exclude ?? [], group, $"/datasets/{id}/diversity.json{query}"));
    }

    [HttpGet("diversity.json")]
    public async Task<IActionResult> Json(Guid id, [FromQuery] string? metric, [FromQuery] string? pseudocount,
        [FromQuery] string[]? exclude, [FromQuery] string? group, CancellationToken ct)
    {
        var count = 1.0;
        if (!string.IsNullOrWhiteSpace(pseudocount)
            && !double.TryParse(pseudocount, NumberStyles.Float, CultureInfo.InvariantCulture, out count))
            return BadRequest(new { error = $"The pseudocount '{pseudocount}' is not a number." });
        try
        {
            var request = new DiversityRequest(string.IsNullOrWhiteSpace(metric) ? DiversityRequest.BrayCurtis : metric.Trim(),
                count, exclude?.Where(e => !string.IsNullOrWhiteSpace(e)).ToList() ?? [], string.IsNullOrWhiteSpace(group) ? null : group);
            var result = await diversity.ComputeAsync(id, request, ct);
            return result is null ? NotFound(new { error = "Dataset not found." }) : Ok(result);
        }
        catch (DiversityInputException e)
        {
            return BadRequest(new { error = e.Message });
        }
    }
}

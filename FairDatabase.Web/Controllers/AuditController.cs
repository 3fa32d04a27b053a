using FairDatabase.Core.Audit;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// The audit trail: a dataset's events for its owner (grantees' reads included) at
/// /datasets/{id}/audit, and everyone's own events at /account/activity. Both also as JSON.
/// </summary>
public sealed class AuditController(DatasetList datasets, IAuditReader reader) : Controller
{
    [HttpGet("/datasets/{id}/audit")]
    public async Task<IActionResult> Dataset(string id, [FromQuery] string? format, CancellationToken ct)
    {
        // A grantee, a stranger and a wrong id all get the answer for a dataset that does not exist.
        if (!Guid.TryParse(id, out var datasetId) || await datasets.FindOwnedAsync(datasetId, ct) is not { } dataset)
            return DatasetAccessController.DatasetNotFound(this);
        var entries = await reader.ForDatasetAsync(datasetId, ct);
        return IsJson(format) ? Json(entries) : View("Trail", new AuditTrailViewModel("Audit trail of " + dataset.DisplayName, entries, ShowWho: true));
    }

    [HttpGet("/account/activity")]
    public async Task<IActionResult> Activity([FromQuery] string? format, CancellationToken ct)
    {
        var entries = await reader.ForCallerAsync(ct);
        return IsJson(format) ? Json(entries) : View("Trail", new AuditTrailViewModel("Your activity", entries, ShowWho: false));
    }

    private static bool IsJson(string? format) => string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
}

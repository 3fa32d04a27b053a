using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FairDatabase.Web.Controllers;

/// <summary>
/// A release's metadata files and its ZIP. Visitors reach them without a session; whether the
/// caller may see the release is decided by <see cref="IReleaseReader"/> (row security), so a
/// private release answers 404 to anyone else, exactly like a missing one. Read-only: GET only.
/// </summary>
[AllowAnonymous]
public sealed class ReleaseFilesController(IReleaseReader reader) : Controller
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [ReleaseLinks.DataPackage] = "application/json",
        [ReleaseLinks.DataCite] = "application/vnd.datacite.datacite+json",
        [ReleaseLinks.RoCrate] = "application/ld+json",
        [ReleaseLinks.PrivacyReport] = "application/json",
    };

    [HttpGet("releases/{id}/datapackage.json")]
    public Task<IActionResult> DataPackage(string id, CancellationToken ct) => MetadataFile(id, ReleaseLinks.DataPackage, ct);

    [HttpGet("releases/{id}/datacite.json")]
    public Task<IActionResult> DataCite(string id, CancellationToken ct) => MetadataFile(id, ReleaseLinks.DataCite, ct);

    [HttpGet("releases/{id}/ro-crate-metadata.json")]
    public Task<IActionResult> RoCrate(string id, CancellationToken ct) => MetadataFile(id, ReleaseLinks.RoCrate, ct);

    [HttpGet("releases/{id}/privacy-report.json")]
    public Task<IActionResult> PrivacyReport(string id, CancellationToken ct) => MetadataFile(id, ReleaseLinks.PrivacyReport, ct);

    /// <summary>Streamed: data.csv passes through as the reader inflates it; Content-Length is known beforehand.</summary>
    [HttpGet("releases/{id}.zip")]
    public async Task<IActionResult> Zip(string id, [FromServices] IReleaseZip zip, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } release) return ReleaseNotFound();
        var files = ReleaseFiles.Build(release, Links(release));
        Response.ContentType = "application/zip";
        Response.ContentLength = files.ZipBytes;
        Response.Headers.ContentDisposition = $"attachment; filename=\"release-{release.Id:D}.zip\"";
        await zip.WriteAsync(release, files, Response.Body, ct);
        return new EmptyResult();
    }

    private async Task<IActionResult> MetadataFile(string id, string name, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } release) return ReleaseNotFound();
        return File(ReleaseFiles.Build(release, Links(release)).Find(name)!, ContentTypes[name]);
    }

    private async Task<Release?> FindAsync(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var releaseId) ? await reader.FindAsync(releaseId, ct) : null;

    private ReleaseLinks Links(Release release) =>
        ReleaseLinks.For(new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/"), release.Id);

    private NotFoundObjectResult ReleaseNotFound() => NotFound(new { error = "No such release." });
}

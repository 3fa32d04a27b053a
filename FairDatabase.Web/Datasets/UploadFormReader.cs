using FairDatabase.Core.Datasets;
using FairDatabase.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FairDatabase.Web.Datasets;

/// <summary>How the upload form is guarded while it streams: text fields are bounded, and the
/// antiforgery token (a form field before the file, when no header carried it) is checked before
/// the file's first byte is read.</summary>
internal sealed record UploadFormGuard(int MaxFieldBytes, string TokenFieldName, Func<string?, Task> BeforeFileAsync)
{
    /// <summary>A <c>name</c> field names the dataset instead of the file (the JSON API's upload).</summary>
    public bool AcceptsName { get; init; }
}

/// <summary>
/// Reads the upload form without buffering the file: text fields first (each at most
/// <see cref="UploadFormGuard.MaxFieldBytes"/>), then the file section's body is handed to
/// <paramref name="import"/> as it arrives. When the form was already read, the buffered file is used.
/// </summary>
internal static class UploadFormReader
{
    public static async Task<ImportResult?> ReadAsync(HttpRequest request, UploadFormGuard guard, Func<Stream, UploadRequest, Task<ImportResult>> import, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form)
        {
            var file = form.Files.GetFile("file");
            if (file is null) return null;
            await using var stream = file.OpenReadStream();
            return await import(stream, new UploadRequest(file.FileName, form["description"], form["origin"]).WithChoices(form["orientation"], form["encoding"])
                .Named(guard.AcceptsName ? form["name"].ToString() : null));
        }

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value
            ?? throw new InvalidDataException("The upload has no multipart boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        string? description = null, origin = null, orientation = null, encoding = null, token = null, datasetName = null;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = disposition.Name.Value;
            if (disposition.IsFileDisposition() && name == "file")
            {
                await guard.BeforeFileAsync(token);
                return await import(section.Body, new UploadRequest(disposition.FileName.Value ?? disposition.FileNameStar.Value ?? "", description, origin)
                    .WithChoices(orientation, encoding).Named(guard.AcceptsName ? datasetName : null));
            }
            if (disposition.IsFormDisposition())
            {
                var value = await MultipartText.ReadAsync(section, name ?? "", guard.MaxFieldBytes, ct);
                if (name == "description") description = value;
                else if (name == "origin") origin = value;
                else if (name == "orientation") orientation = value;
                else if (name == "encoding") encoding = value;
                else if (name == guard.TokenFieldName) token = value;
                else if (name == "name") datasetName = value;
            }
        }
        return null;
    }
}

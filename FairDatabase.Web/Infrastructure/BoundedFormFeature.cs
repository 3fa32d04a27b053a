using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// The form of a request, read with every part bounded: ASP.NET Core's own reader reads a
/// multipart text field whole (up to the section limit, i.e. the file limit), so a huge
/// "description" would sit in memory. Here text fields stop at RequestLimits:MaxFormFieldBytes and
/// file parts go to a temporary file (deleted with the request) under the body limit. URL-encoded
/// forms keep the framework's reader, which already enforces the value length as it parses.
/// </summary>
internal sealed class BoundedFormFeature(HttpRequest request, FormOptions options, int maxFieldBytes, string? tempDirectory) : IFormFeature
{
    private IFormCollection? _form;

    // Not request.HasFormContentType: that asks this feature.
    public bool HasFormContentType =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    public IFormCollection? Form
    {
        get => _form;
        set => _form = value;
    }

    public IFormCollection ReadForm() => ReadFormAsync(CancellationToken.None).GetAwaiter().GetResult();

    public async Task<IFormCollection> ReadFormAsync(CancellationToken cancellationToken)
    {
        if (_form is not null) return _form;
        if (!HasFormContentType) throw new InvalidOperationException("This request does not have a form content type.");
        var type = MediaTypeHeaderValue.Parse(request.ContentType);
        try
        {
            _form = type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? await ReadMultipartAsync(HeaderUtilities.RemoveQuotes(type.Boundary).Value, cancellationToken)
                : await new FormFeature(request, options).ReadFormAsync(cancellationToken);
        }
        catch (RequestBodyTooLargeException e)
        {
            throw request.HttpContext.Record(e);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The framework's URL-encoded reader names the value, key or count limit it hit.
            throw request.HttpContext.Record(RequestBodyTooLargeException.Form(e));
        }
        return _form;
    }

    private async Task<IFormCollection> ReadMultipartAsync(string? boundary, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(boundary)) throw new InvalidDataException("The form has no multipart boundary.");
        var fields = new KeyValueAccumulator();
        var files = new FormFileCollection();
        var reader = new MultipartReader(boundary, request.Body);
        var count = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (++count > options.ValueCountLimit) throw new InvalidDataException($"The form has more than the limit of {options.ValueCountLimit} fields.");
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = disposition.Name.Value ?? "";
            if (disposition.IsFileDisposition())
                files.Add(await BufferFileAsync(section, disposition, name, ct));
            else if (disposition.IsFormDisposition())
                fields.Append(name, await MultipartText.ReadAsync(section, name, maxFieldBytes, ct));
        }
        return new FormCollection(fields.HasValues ? fields.GetResults() : null, files);
    }

    private async Task<FormFile> BufferFileAsync(MultipartSection section, ContentDispositionHeaderValue disposition, string name, CancellationToken ct)
    {
        var path = Path.Combine(tempDirectory is { Length: > 0 } ? tempDirectory : Path.GetTempPath(), $"fairdb-form-{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        request.HttpContext.Response.RegisterForDisposeAsync(stream);
        await section.Body.CopyToAsync(stream, ct); // bounded by the request body's own limit
        stream.Position = 0;
        return new FormFile(stream, 0, stream.Length, name, disposition.FileName.Value ?? disposition.FileNameStar.Value ?? "")
        {
            Headers = new HeaderDictionary(section.Headers ?? new Dictionary<string, StringValues>()),
        };
    }
}

using FairDatabase.Core.Configuration;
using FairDatabase.Core.Datasets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// Bounds every request body before anything buffers it: a declared Content-Length over the
/// limit is refused before a byte is read, a chunked body is counted as it arrives
/// (<see cref="BoundedRequestStream"/>), and forms are read part by part with each text field
/// bounded (<see cref="BoundedFormFeature"/>). The pages that take a CSV file get
/// Upload:MaxFileSizeBytes plus the form overhead; everything else RequestLimits:MaxBodyBytes.
/// Runs before routing and antiforgery, which may read the form.
/// </summary>
internal static class RequestBodyLimits
{
    private static readonly string[] UploadPaths = ["/dashboard/upload", "/data/data_generalization"];

    public static IServiceCollection AddFairDatabaseRequestLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddValidatedOptions<RequestLimitOptions>(config, RequestLimitOptions.Section, RequestLimitOptions.Validate);
        return services;
    }

    /// <summary>Why reading this request's body stopped at a limit, or null when it did not.</summary>
    public static RequestBodyTooLargeException? LimitFailure(this HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(RequestBodyTooLargeException), out var recorded)) return recorded as RequestBodyTooLargeException;
        return http.Items.TryGetValue(typeof(BoundedRequestStream), out var body) && body is BoundedRequestStream { Exceeded: true } bounded
            ? RequestBodyTooLargeException.Body(bounded.Limit)
            : null;
    }

    /// <summary>Remembers a field-level refusal that a later stage (antiforgery) may report as something else.</summary>
    public static RequestBodyTooLargeException Record(this HttpContext http, RequestBodyTooLargeException failure)
    {
        http.Items[typeof(RequestBodyTooLargeException)] = failure;
        return failure;
    }

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // The error page re-runs the request after a failure here; the body was bounded the first time.
        if (http.Features.Get<IExceptionHandlerFeature>() is not null) return next(http);
        var limits = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
        var upload = http.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value;
        var path = http.Request.Path;
        var isUpload = UploadPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            // POST /datasets/{id}/metadata: a sample-metadata file.
            || (path.StartsWithSegments("/datasets", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith("/metadata", StringComparison.OrdinalIgnoreCase))
            // POST /api/v1/datasets: the JSON API's upload.
            || string.Equals(path.Value?.TrimEnd('/'), "/api/v1/datasets", StringComparison.OrdinalIgnoreCase);
        var limit = isUpload ? upload.MaxFileSizeBytes + limits.UploadFormOverheadBytes : limits.MaxBodyBytes;

        if (http.Request.ContentLength > limit) throw RequestBodyTooLargeException.Body(limit);
        // Kestrel's own limit stays as a backstop just above ours, so ours (with its message) trips first.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1;
        var body = new BoundedRequestStream(http.Request.Body, limit);
        http.Request.Body = body;
        http.Items[typeof(BoundedRequestStream)] = body;
        // Many fields are fine (a 20,000-column table's multi-selects), the body limit bounds them all.
        var form = new FormOptions
        {
            MultipartBodyLengthLimit = limit, ValueLengthLimit = limits.MaxFormFieldBytes, BufferBodyLengthLimit = limit, ValueCountLimit = 100_000,
        };
        http.Features.Set<IFormFeature>(new BoundedFormFeature(http.Request, form, limits.MaxFormFieldBytes, upload.TempDirectory));
        return next(http);
    });
}

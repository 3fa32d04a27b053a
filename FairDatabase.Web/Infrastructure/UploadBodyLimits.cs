using FairDatabase.Core.Datasets;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// Pages that take a CSV as an ordinary form post (the generalization workflow's first step)
/// accept files up to Upload:MaxFileSizeBytes, like the upload page, instead of Kestrel's 30 MB
/// default. It must be set before anything reads the form — the antiforgery check does — so it
/// is middleware, not a filter. A larger body is answered 413 by the error page.
/// </summary>
internal static class UploadBodyLimits
{
    private const long FormOverhead = 1 << 20;

    public static IApplicationBuilder UseUploadBodyLimits(this IApplicationBuilder app, params string[] paths) =>
        app.UseUploadBodyLimits(path => paths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)));

    public static IApplicationBuilder UseUploadBodyLimits(this IApplicationBuilder app, Func<PathString, bool> applies) =>
        app.UseWhen(
            ctx => HttpMethods.IsPost(ctx.Request.Method) && applies(ctx.Request.Path),
            branch => branch.Use((ctx, next) =>
            {
                var limit = ctx.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxFileSizeBytes + FormOverhead;
                // Refused before a byte is read when the size is declared (browsers always declare it).
                if (ctx.Request.ContentLength > limit)
                    throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
                if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
                ctx.Features.Set<IFormFeature>(new FormFeature(ctx.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
                return next(ctx);
            }));
}

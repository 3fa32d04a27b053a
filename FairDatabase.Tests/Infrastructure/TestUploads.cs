using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>Uploads a CSV through /dashboard/upload as a signed-in browser and returns the new dataset's id.</summary>
public static class TestUploads
{
    public static async Task<Guid> UploadAsync(BrowserSession browser, string csv, string fileName)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("shared study"), "description" },
            { new StringContent("lab A"), "origin" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        using var response = await browser.PostMultipartAsync("/dashboard/upload", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Upload answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location[(location.IndexOf("uploaded=", StringComparison.Ordinal) + "uploaded=".Length)..]);
    }
}

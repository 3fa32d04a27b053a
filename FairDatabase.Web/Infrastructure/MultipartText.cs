using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FairDatabase.Web.Infrastructure;

/// <summary>Reads a multipart text field without ever holding more than its limit.</summary>
internal static class MultipartText
{
    public static async Task<string> ReadAsync(MultipartSection section, string name, int maxBytes, CancellationToken ct)
    {
        var buffer = new byte[Math.Min(maxBytes + 1, 16 * 1024)];
        using var collected = new MemoryStream();
        int read;
        while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (collected.Length + read > maxBytes) throw RequestBodyTooLargeException.Field(name, maxBytes);
            collected.Write(buffer, 0, read);
        }
        return Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }
}

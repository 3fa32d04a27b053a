namespace FairDatabase.Web.Infrastructure;

/// <summary>
/// The one sanitizer for names put into a download's Content-Disposition: ASCII letters, digits,
/// '-' and '_' kept, anything else '_', so no quote, slash or control character reaches the header.
/// </summary>
public static class DownloadFileName
{
    public static string Safe(string name, int maxLength = 60) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(maxLength).ToArray());
}

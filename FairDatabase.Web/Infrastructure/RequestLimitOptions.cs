using FairDatabase.Core.Configuration;

namespace FairDatabase.Web.Infrastructure;

/// <summary>Section <c>RequestLimits</c>: how much of a request body the app reads before it answers 413.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>
    /// Every request body except the file uploads (which take Upload:MaxFileSizeBytes plus
    /// <see cref="UploadFormOverheadBytes"/>). Forms here are small: 2 MB leaves room for a
    /// mapping step with thousands of values.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>One text field of a form (a description, a mapping value, a token).</summary>
    public int MaxFormFieldBytes { get; set; } = 64 * 1024;

    /// <summary>What an upload form may add around its file (text fields, part headers, boundaries).</summary>
    public long UploadFormOverheadBytes { get; set; } = 1024 * 1024;

    internal static IEnumerable<string> Validate(RequestLimitOptions o)
    {
        if (o.MaxBodyBytes < 16 * 1024)
            yield return OptionsRegistration.Setting(Section, nameof(MaxBodyBytes), "must be at least 16384 bytes");
        if (o.MaxFormFieldBytes < 1024 || o.MaxFormFieldBytes > o.MaxBodyBytes)
            yield return OptionsRegistration.Setting(Section, nameof(MaxFormFieldBytes), "must be between 1024 bytes and RequestLimits:MaxBodyBytes");
        if (o.UploadFormOverheadBytes < o.MaxFormFieldBytes)
            yield return OptionsRegistration.Setting(Section, nameof(UploadFormOverheadBytes), "must be at least RequestLimits:MaxFormFieldBytes");
    }
}

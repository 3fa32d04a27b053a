namespace FairDatabase.Core.Releases.Creation;

/// <summary>What the release form posts, as typed (so it can be shown again).</summary>
/// <param name="Creators">One creator per line.</param>
/// <param name="Keywords">Separated by commas or lines.</param>
/// <param name="Visibility">"private" or "public".</param>
public sealed record ReleaseForm(string? Title, string? Description, string? Creators, string? License, string? Keywords, string? Visibility)
{
    public const int MaxTitleLength = 500;

    /// <summary>The form's values checked and split; throws naming the first field at fault.</summary>
    public ReleaseMetadata Validate()
    {
        var title = Title?.Trim() ?? "";
        if (title.Length == 0) throw new ReleaseValidationException("title", "Give the release a title.");
        if (title.Length > MaxTitleLength) throw new ReleaseValidationException("title", $"The title may have at most {MaxTitleLength} characters.");
        var license = SpdxLicenses.Find(License) ?? throw new ReleaseValidationException("license", string.IsNullOrWhiteSpace(License)
            ? "Choose a licence (an SPDX identifier such as CC-BY-4.0)."
            : $"'{License.Trim()}' is not an SPDX licence identifier this server knows; choose one of the list (for example CC-BY-4.0 or CC0-1.0).");
        var visibility = Visibility?.Trim().ToLowerInvariant() switch
        {
            "private" or null or "" => ReleaseVisibility.Private,
            "public" => ReleaseVisibility.Public,
            _ => throw new ReleaseValidationException("visibility", "Visibility must be 'private' or 'public'."),
        };
        return new ReleaseMetadata(title, Description?.Trim() ?? "", Split(Creators, ['\n']), license, Split(Keywords, [',', '\n']), visibility);
    }

    private static string[] Split(string? text, char[] separators) =>
        (text ?? "").Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
}

/// <summary>A release's descriptive metadata, checked.</summary>
public sealed record ReleaseMetadata(string Title, string Description, IReadOnlyList<string> Creators, string License,
    IReadOnlyList<string> Keywords, ReleaseVisibility Visibility);

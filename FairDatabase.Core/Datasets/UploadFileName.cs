namespace FairDatabase.Core.Datasets;

/// <summary>The uploaded file's name: only the last path segment counts, and it must end in .csv.</summary>
internal static class UploadFileName
{
    /// <returns>The file name without any folder, and the name without extension (the display name).</returns>
    public static (string FileName, string DisplayName) Parse(string? uploaded)
    {
        // Some browsers send the client's full path, with either kind of slash.
        var name = (uploaded ?? "").Trim();
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw new UploadValidationException(UploadProblem.NotCsv, "Only CSV files can be uploaded: choose a file whose name ends in .csv.");
        var display = name[..^4].Trim();
        if (display.Length == 0)
            throw new UploadValidationException(UploadProblem.NotCsv, "The file needs a name before .csv; it becomes the dataset's name.");
        return (name, display);
    }
}

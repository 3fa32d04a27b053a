namespace FairDatabase.Core.Datasets;

/// <summary>What an upload holds, judged by its name's extension.</summary>
public enum UploadKind
{
    /// <summary>.csv, .txt: delimited text, separator detected (<c>,</c> <c>;</c> tab <c>|</c>).</summary>
    Delimited,
    /// <summary>.tsv, .tab: tab-separated text.</summary>
    TabSeparated,
    /// <summary>.biom: BIOM 1.0 (JSON) or 2.1 (HDF5).</summary>
    Biom,
    /// <summary>.qza: a QIIME 2 artifact holding a feature table.</summary>
    QiimeArtifact,
}

/// <summary>The uploaded file's name: only the last path segment counts, and its extension says what it holds.</summary>
internal static class UploadFileName
{
    public const string AcceptedList = ".csv, .tsv, .tab, .txt, .biom or .qza";

    private static readonly (string Extension, UploadKind Kind)[] Extensions =
    [
        (".csv", UploadKind.Delimited), (".txt", UploadKind.Delimited), (".tsv", UploadKind.TabSeparated), (".tab", UploadKind.TabSeparated),
        (".biom", UploadKind.Biom), (".qza", UploadKind.QiimeArtifact),
    ];

    /// <returns>The file name without any folder, the name without extension (the display name) and the kind.</returns>
    public static (string FileName, string DisplayName, UploadKind Kind) Parse(string? uploaded)
    {
        // Some browsers send the client's full path, with either kind of slash.
        var name = (uploaded ?? "").Trim();
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        foreach (var (extension, kind) in Extensions)
        {
            if (!name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) continue;
            var display = name[..^extension.Length].Trim();
            if (display.Length == 0)
                throw new UploadValidationException(UploadProblem.NotCsv, $"The file needs a name before {extension}; it becomes the dataset's name.");
            return (name, display, kind);
        }
        throw new UploadValidationException(UploadProblem.NotCsv,
            $"This kind of file cannot be uploaded: choose a table whose name ends in {AcceptedList} (delimited text, a BIOM table or a QIIME 2 feature table).");
    }

    /// <summary>
    /// The file name for a dataset the caller named itself (the API's <c>name</c>): a name ending in a
    /// known extension is taken as is, otherwise it gets the uploaded file's extension (.csv when none).
    /// </summary>
    public static string Rename(string? uploaded, string name)
    {
        name = name.Trim();
        if (Extensions.Any(e => name.EndsWith(e.Extension, StringComparison.OrdinalIgnoreCase))) return name;
        var from = (uploaded ?? "").Trim();
        var extension = Extensions.FirstOrDefault(e => from.EndsWith(e.Extension, StringComparison.OrdinalIgnoreCase)).Extension ?? ".csv";
        return name + extension;
    }

    /// <summary>
    /// For readers of delimited text only (the anonymization workflow's own upload): a BIOM table or
    /// a QIIME 2 artifact is refused with the way round it, storing it as a dataset first.
    /// </summary>
    public static string ParseDelimited(string? uploaded)
    {
        var (name, _, kind) = Parse(uploaded);
        if (kind is UploadKind.Biom or UploadKind.QiimeArtifact)
            throw new UploadValidationException(UploadProblem.NotCsv,
                $"'{name}' is not delimited text (.csv, .tsv, .tab, .txt): upload it as a dataset on the upload page, then start from that dataset.");
        return name;
    }
}

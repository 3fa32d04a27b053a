using CsvHelper;

namespace FairDatabase.Core.Datasets;

/// <summary>What the checking pass learned about a file, which the loading pass relies on.</summary>
/// <param name="Separator">The detected field separator.</param>
/// <param name="Header">The header names exactly as in the file.</param>
/// <param name="Rows">Data rows (the header and skipped empty lines not counted).</param>
/// <param name="MaxFieldBytes">Per column, the longest value in bytes as written in the file (an upper bound of the stored length).</param>
internal sealed record CsvLayout(char Separator, IReadOnlyList<string> Header, long Rows, IReadOnlyList<int> MaxFieldBytes)
{
    /// <summary>The longest row accepted: 20,000 columns of 800 bytes each.</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reader settings for both passes. The header is read as an ordinary record so that its raw
    /// bytes can be checked like any row's; empty lines carry no data and are passed over.
    /// </summary>
    public static CsvReaderOptions ReaderOptions(char? separator, bool trackLines) => new()
    {
        // An unclosed quote would otherwise buffer the rest of the file as one record.
        MaxRecordSize = MaxRecordBytes,
        Separator = separator,
        HasHeader = false,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        TrackLineNumbers = trackLines,
        IncludeValuesInExceptions = false,
    };
}

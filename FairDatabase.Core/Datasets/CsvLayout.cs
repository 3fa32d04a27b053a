using System.Text;
using CsvHelper;

namespace FairDatabase.Core.Datasets;

/// <summary>What the checking pass learned about a file, which the loading pass relies on.</summary>
/// <param name="Separator">The detected field separator.</param>
/// <param name="Header">The header names exactly as in the file.</param>
/// <param name="Rows">Data rows (the header, comments and skipped empty lines not counted).</param>
/// <param name="MaxFieldBytes">Per column, the longest value in bytes as written in the file (an upper bound of the stored length).</param>
/// <param name="LeadingRecords">Records before the first data row: comment lines, the header and a QIIME 2 <c>#q2:types</c> line.</param>
/// <param name="Encoding">How the bytes are decoded; <see langword="null"/> for UTF-8 (or the encoding its byte order mark names).</param>
internal sealed record CsvLayout(char Separator, IReadOnlyList<string> Header, long Rows, IReadOnlyList<int> MaxFieldBytes,
    int LeadingRecords = 1, Encoding? Encoding = null)
{
    /// <summary>The longest row accepted: 20,000 columns of 800 bytes each.</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>The header starts with <c>#OTU ID</c> or follows <c># Constructed from biom file</c>: a biom-tool table (features as rows).</summary>
    public bool FromBiomTool { get; init; }

    /// <summary>Bytes that are not UTF-8 were found while detecting the encoding: the file is to be read as Windows-1252.</summary>
    public bool ReadAsWindows1252 { get; init; }

    /// <summary>Column types from a QIIME 2 <c>#q2:types</c> line (<c>categorical</c>, <c>numeric</c>), by position; empty without one.</summary>
    public IReadOnlyList<string> ColumnTypes { get; init; } = [];

    public CsvReaderOptions ReaderOptions(bool trackLines, Action<CsvMalformedRecord>? onMalformed = null) =>
        ReaderOptions(Separator, Encoding, trackLines, onMalformed);

    /// <summary>
    /// Reader settings for both passes. The header is read as an ordinary record so that its raw
    /// bytes can be checked like any row's; empty lines carry no data and are passed over. Quoting
    /// is lenient, as R and pandas read it: a quote inside an unquoted value is an ordinary
    /// character (<c>5'11"</c>) and text after a closing quote joins the value; only a quote
    /// that is never closed is refused (reported through <paramref name="onMalformed"/>).
    /// </summary>
    public static CsvReaderOptions ReaderOptions(char? separator, Encoding? encoding, bool trackLines, Action<CsvMalformedRecord>? onMalformed = null) => new()
    {
        // An unclosed quote would otherwise buffer the rest of the file as one record.
        MaxRecordSize = MaxRecordBytes,
        Separator = separator,
        Encoding = encoding,
        HasHeader = false,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        OnMalformedRecord = onMalformed,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        TrackLineNumbers = trackLines,
        IncludeValuesInExceptions = false,
    };
}

using System.Text.Unicode;
using CsvHelper;
using FairDatabase.Core.Datasets.Formats;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The first pass over an upload: reads every record and refuses the file, before anything is
/// written, when a row would not load faithfully. Rows are never skipped: a problem anywhere
/// rejects the whole file with the line numbers to fix.
/// </summary>
internal static class CsvValidator
{
    private const int MaxLinesReported = 20;

    public static CsvLayout Validate(StagedUpload upload, TextCheck check, CancellationToken ct)
    {
        upload.Rewind();
        return Validate(upload.Stream, check, ct);
    }

    /// <summary>Checks the file as it is read from <paramref name="stream"/> (left open).</summary>
    public static CsvLayout Validate(Stream stream, TextCheck check, CancellationToken ct)
    {
        var problems = new ProblemLines(check);
        var options = CsvLayout.ReaderOptions(check.Separator, check.ReaderEncoding, trackLines: true, record =>
        {
            // Lenient quoting recovers from everything else, as R and pandas do.
            if (record.Reason == CsvMalformedReason.UnterminatedQuote) problems.Add(UploadProblem.MalformedQuoting, record.LineNumber);
        });
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        try
        {
            var preamble = Preamble.Read(reader);
            if (preamble is null)
                throw new UploadValidationException(UploadProblem.Empty, "The file is empty.");
            var header = ReadHeader(reader, check);
            var maxFieldBytes = new int[header.Count];
            var leading = preamble.Comments + 1;
            IReadOnlyList<string> types = [];
            long rows = 0;
            while (reader.Read())
            {
                var raw = reader.RawRecord;
                if (rows == 0 && leading == preamble.Comments + 1 && raw.StartsWith("#q2:"u8))
                {
                    leading++;
                    types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
                    continue;
                }
                if ((++rows & 1023) == 0) ct.ThrowIfCancellationRequested();
                var line = reader.LineNumber;
                if (!Utf8.IsValid(raw)) problems.Add(UploadProblem.NotUtf8, line);
                else if (check.Choice == TextEncodingChoice.Windows1252 && TextEncodings.HasUndefinedWindows1252(raw)) problems.Add(UploadProblem.Undecodable, line);
                else if (raw.Contains((byte)0)) problems.Add(UploadProblem.NulCharacter, line);
                else if (reader.FieldCount != header.Count) problems.Add(UploadProblem.RaggedRows, line);
                else if (reader.GetSpan(0).Trim(" \t"u8).IsEmpty) problems.Add(UploadProblem.EmptyIds, line);
                else TrackWidths(reader, maxFieldBytes);
            }
            if (rows == 0)
                throw new UploadValidationException(UploadProblem.HeaderOnly, "The file has a header but no data rows.");
            problems.ThrowIfAny(header.Count);
            return new CsvLayout(reader.Separator, header, rows, maxFieldBytes, leading, check.ReaderEncoding)
            {
                FromBiomTool = preamble.FromBiomTool,
                ColumnTypes = types,
                ReadAsWindows1252 = problems.InvalidUtf8,
            };
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber;
            throw new UploadValidationException(UploadProblem.MalformedQuoting,
                $"Line {line} has a quote that is never closed, or a row over {CsvLayout.MaxRecordBytes / (1024 * 1024)} MB. Close the quote (a value with quotes, separators or line breaks is enclosed in quotes, with inner quotes doubled) and upload the file again.",
                [line]);
        }
    }

    /// <summary>Widths decide how many columns fit in one table row (see <see cref="ImportPlan"/>).</summary>
    private static void TrackWidths(CsvReader reader, int[] maxFieldBytes)
    {
        for (var i = 0; i < maxFieldBytes.Length; i++)
        {
            var length = reader.GetRawSpan(i).Length;
            if (length > maxFieldBytes[i]) maxFieldBytes[i] = length;
        }
    }

    private static List<string> ReadHeader(CsvReader reader, TextCheck check)
    {
        var raw = reader.RawRecord;
        var maxColumns = check.MaxColumns;
        if (!Utf8.IsValid(raw))
        {
            if (check.Choice != TextEncodingChoice.Auto)
                throw new UploadValidationException(UploadProblem.Undecodable, UndecodableMessage(check, [reader.LineNumber]), [reader.LineNumber]);
            // Read again as Windows-1252 by the caller; the header's text is not used from this pass.
            var names = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++) names.Add($"column {i + 1}");
            return CheckCount(reader, maxColumns, names);
        }
        if (raw.Contains((byte)0))
            throw new UploadValidationException(UploadProblem.NulCharacter, "The header contains a NUL character.", [reader.LineNumber]);
        var header = new List<string>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++) header.Add(reader.GetString(i));
        return CheckCount(reader, maxColumns, header);
    }

    private static List<string> CheckCount(CsvReader reader, int maxColumns, List<string> header)
    {
        if (reader.FieldCount > maxColumns)
            throw new UploadValidationException(UploadProblem.TooManyColumns,
                $"The file has {reader.FieldCount:N0} columns; at most {maxColumns:N0} are allowed.");
        if (reader.FieldCount < 2)
            throw new UploadValidationException(UploadProblem.TooFewColumns,
                "The file needs an id column followed by at least one data column, separated by commas, semicolons, tabs or | characters.");
        return header;
    }

    private static string UndecodableMessage(TextCheck check, IReadOnlyList<long> lines) =>
        $"The file is not valid {TextEncodings.Name(check.Choice)} text, the encoding chosen on the form ({LinesText(lines)}). "
        + "Choose \"auto\" (or the encoding the file was saved in) and upload it again, or save it as UTF-8 (in Excel: \"CSV UTF-8\").";

    private static string LinesText(IReadOnlyList<long> lines) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines);

    /// <summary>The first lines of each kind of problem, and how many there were in all.</summary>
    private sealed class ProblemLines(TextCheck check)
    {
        private readonly Dictionary<UploadProblem, (List<long> First, long Count)> _byKind = [];

        /// <summary>Lines that are not UTF-8 were found while the encoding is detected: the caller reads the file as Windows-1252.</summary>
        public bool InvalidUtf8 { get; private set; }

        public void Add(UploadProblem kind, long line)
        {
            if (kind == UploadProblem.NotUtf8)
            {
                if (check.Choice == TextEncodingChoice.Auto)
                {
                    InvalidUtf8 = true;
                    return;
                }
                kind = UploadProblem.Undecodable;
            }
            var (first, count) = _byKind.TryGetValue(kind, out var entry) ? entry : ([], 0);
            if (first.Count < MaxLinesReported) first.Add(line);
            _byKind[kind] = (first, count + 1);
        }

        /// <summary>Reports the most fundamental problem: bad encoding hides everything else.</summary>
        public void ThrowIfAny(int columns)
        {
            foreach (var kind in (UploadProblem[])[UploadProblem.Undecodable, UploadProblem.NulCharacter, UploadProblem.MalformedQuoting, UploadProblem.RaggedRows, UploadProblem.EmptyIds])
            {
                if (!_byKind.TryGetValue(kind, out var entry)) continue;
                var (lines, count) = entry;
                var where = LinesText(lines) + (count > lines.Count ? $" and {count - lines.Count:N0} more" : "");
                throw new UploadValidationException(kind, kind switch
                {
                    UploadProblem.Undecodable => UndecodableMessage(check, lines) + (count > lines.Count ? $" {count:N0} lines are affected." : ""),
                    UploadProblem.NulCharacter => $"The file contains NUL characters, which cannot be stored ({where}).",
                    UploadProblem.RaggedRows => $"Every row must have {columns:N0} fields, like the header; these do not: {where}.",
                    UploadProblem.MalformedQuoting => $"A quoted value is never closed (unterminated quote) on {where}. Close the quote, or remove the opening one, and upload the file again.",
                    _ => $"The first column holds the sample/patient id and must not be empty: {where}.",
                }, lines);
            }
        }
    }
}

using System.Text.Unicode;
using CsvHelper;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The first pass over an upload: reads every record and refuses the file, before anything is
/// written, when a row would not load faithfully. Rows are never skipped: a problem anywhere
/// rejects the whole file with the line numbers to fix.
/// </summary>
internal static class CsvValidator
{
    private const int MaxLinesReported = 20;

    public static CsvLayout Validate(StagedUpload upload, int maxColumns, CancellationToken ct)
    {
        upload.Rewind();
        return Validate(upload.Stream, maxColumns, ct);
    }

    /// <summary>Checks the file as it is read from <paramref name="stream"/> (left open).</summary>
    public static CsvLayout Validate(Stream stream, int maxColumns, CancellationToken ct)
    {
        using var reader = CsvReader.Create(stream, CsvLayout.ReaderOptions(null, trackLines: true), leaveOpen: true);
        try
        {
            if (!reader.Read())
                throw new UploadValidationException(UploadProblem.Empty, "The file is empty.");
            var header = ReadHeader(reader, maxColumns);
            var problems = new ProblemLines();
            var maxFieldBytes = new int[header.Count];
            long rows = 0;
            while (reader.Read())
            {
                if ((++rows & 1023) == 0) ct.ThrowIfCancellationRequested();
                var raw = reader.RawRecord;
                var line = reader.LineNumber;
                if (!Utf8.IsValid(raw)) problems.Add(UploadProblem.NotUtf8, line);
                else if (raw.Contains((byte)0)) problems.Add(UploadProblem.NulCharacter, line);
                else if (reader.FieldCount != header.Count) problems.Add(UploadProblem.RaggedRows, line);
                else if (raw.Contains((byte)'"') && HasStrayQuote(reader)) problems.Add(UploadProblem.MalformedQuoting, line);
                else if (reader.GetSpan(0).Trim(" \t"u8).IsEmpty) problems.Add(UploadProblem.EmptyIds, line);
                else TrackWidths(reader, maxFieldBytes);
            }
            if (rows == 0)
                throw new UploadValidationException(UploadProblem.HeaderOnly, "The file has a header but no data rows.");
            problems.ThrowIfAny(header.Count);
            return new CsvLayout(reader.Separator, header, rows, maxFieldBytes);
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber;
            throw new UploadValidationException(UploadProblem.MalformedQuoting,
                $"Line {line} has malformed quoting (a quote that is not closed, text after a closing quote, or a row over {CsvLayout.MaxRecordBytes / (1024 * 1024)} MB). Quote values that contain the separator, quotes or line breaks, and double quotes inside them.",
                [line]);
        }
    }

    /// <summary>
    /// A quote inside a field that does not start with one (<c>ab"c</c>, <c> "x"</c>). Readers
    /// disagree about such fields — PostgreSQL's CSV parser, which loads the rows, opens a quoted
    /// section there — so they are refused rather than loaded differently from how they read here.
    /// </summary>
    private static bool HasStrayQuote(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var field = reader.GetRawSpan(i);
            if (field.Length > 0 && field[0] != (byte)'"' && field.Contains((byte)'"')) return true;
        }
        return false;
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

    private static List<string> ReadHeader(CsvReader reader, int maxColumns)
    {
        var raw = reader.RawRecord;
        if (!Utf8.IsValid(raw))
            throw new UploadValidationException(UploadProblem.NotUtf8, NotUtf8Message([reader.LineNumber]), [reader.LineNumber]);
        if (raw.Contains((byte)0))
            throw new UploadValidationException(UploadProblem.NulCharacter, "The header contains a NUL character.", [reader.LineNumber]);
        if (reader.FieldCount > maxColumns)
            throw new UploadValidationException(UploadProblem.TooManyColumns,
                $"The file has {reader.FieldCount:N0} columns; at most {maxColumns:N0} are allowed.");
        if (reader.FieldCount < 2)
            throw new UploadValidationException(UploadProblem.TooFewColumns,
                "The file needs an id column followed by at least one data column, separated by commas, semicolons or tabs.");
        var header = new List<string>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++) header.Add(reader.GetString(i));
        return header;
    }

    private static string NotUtf8Message(IReadOnlyList<long> lines) =>
        $"The file is not valid UTF-8 text ({LinesText(lines)}). Save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again.";

    private static string LinesText(IReadOnlyList<long> lines) =>
        (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", lines);

    /// <summary>The first lines of each kind of problem, and how many there were in all.</summary>
    private sealed class ProblemLines
    {
        private readonly Dictionary<UploadProblem, (List<long> First, long Count)> _byKind = [];

        public void Add(UploadProblem kind, long line)
        {
            var (first, count) = _byKind.TryGetValue(kind, out var entry) ? entry : ([], 0);
            if (first.Count < MaxLinesReported) first.Add(line);
            _byKind[kind] = (first, count + 1);
        }

        /// <summary>Reports the most fundamental problem: bad encoding hides everything else.</summary>
        public void ThrowIfAny(int columns)
        {
            foreach (var kind in (UploadProblem[])[UploadProblem.NotUtf8, UploadProblem.NulCharacter, UploadProblem.RaggedRows, UploadProblem.MalformedQuoting, UploadProblem.EmptyIds])
            {
                if (!_byKind.TryGetValue(kind, out var entry)) continue;
                var (lines, count) = entry;
                var where = LinesText(lines) + (count > lines.Count ? $" and {count - lines.Count:N0} more" : "");
                throw new UploadValidationException(kind, kind switch
                {
                    UploadProblem.NotUtf8 => NotUtf8Message(lines) + (count > lines.Count ? $" {count:N0} lines are affected." : ""),
                    UploadProblem.NulCharacter => $"The file contains NUL characters, which cannot be stored ({where}).",
                    UploadProblem.RaggedRows => $"Every row must have {columns:N0} fields, like the header; these do not: {where}.",
                    UploadProblem.MalformedQuoting => $"Quotes must enclose a whole value; these lines have a quote inside an unquoted value (malformed quoting): {where}.",
                    _ => $"The first column holds the sample/patient id and must not be empty: {where}.",
                }, lines);
            }
        }
    }
}

using CsvHelper;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// Reads an uploaded CSV into an <see cref="AnonTable"/> for the generalization workflow. The
/// separator (, ; tab) and a BOM are detected; ragged rows are refused with their line numbers
/// rather than silently skipped, as uploads are.
/// </summary>
public static class CsvTableReader
{
    private const int MaxLinesReported = 10;

    private static CsvReaderOptions Options => new()
    {
        HasHeader = false,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        TrackLineNumbers = true,
        IncludeValuesInExceptions = false,
    };

    /// <exception cref="AnonymizationValidationException">The file cannot be used; the message says why.</exception>
    public static AnonTable Read(Stream csv, CancellationToken ct)
    {
        using var reader = CsvReader.Create(csv, Options, leaveOpen: true);
        try
        {
            if (!reader.Read())
                throw new AnonymizationValidationException("The file is empty.");
            var header = new string[reader.FieldCount];
            for (var i = 0; i < header.Length; i++) header[i] = reader.GetString(i).Trim();
            CheckHeader(header);

            var builder = new AnonTableBuilder(header);
            var ragged = new List<long>();
            var row = new string?[header.Length];
            while (reader.Read())
            {
                if ((builder.RowCount & 1023) == 0) ct.ThrowIfCancellationRequested();
                if (reader.FieldCount != header.Length)
                {
                    ragged.Add(reader.LineNumber);
                    continue;
                }
                for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
                builder.AddRow(row);
            }
            if (ragged.Count > 0)
                throw new AnonymizationValidationException(
                    $"Every row needs {header.Length} fields like the header; line(s) {string.Join(", ", ragged.Take(MaxLinesReported))}"
                    + (ragged.Count > MaxLinesReported ? $" and {ragged.Count - MaxLinesReported} more" : "") + " differ.");
            if (builder.RowCount == 0)
                throw new AnonymizationValidationException("The file has a header but no data rows.");
            return builder.Build();
        }
        catch (CsvFormatException e)
        {
            throw new AnonymizationValidationException($"Line {e.LineNumber} has malformed quoting.", e);
        }
    }

    private static void CheckHeader(string[] header)
    {
        if (header.Any(string.IsNullOrEmpty))
            throw new AnonymizationValidationException("Every column needs a name in the header row.");
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new AnonymizationValidationException($"The header names column '{duplicate.Key}' more than once.", [duplicate.Key]);
    }
}

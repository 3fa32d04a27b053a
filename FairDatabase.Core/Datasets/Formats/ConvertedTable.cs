using CsvHelper;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>
/// Writes a table that did not arrive as delimited text the way the importer reads (BIOM,
/// a transposed table): UTF-8, tab-separated, quoted where needed, into a temporary file that
/// then goes through the same check and load as any upload.
/// </summary>
internal sealed class ConvertedTable : IDisposable
{
    /// <summary>The id column's name after a transpose: each row is then a sample.</summary>
    public const string SampleIdColumn = "sample_id";

    private readonly CsvWriter _writer;

    public ConvertedTable(StagedUpload target)
    {
        Target = target;
        _writer = CsvWriter.Create(target.Stream, new CsvWriterOptions
        {
            Separator = '\t',
            NewLine = "\n",
            // Values are data, not spreadsheet input: negative counts keep their minus sign.
            Injection = CsvInjection.None,
        }, leaveOpen: true);
    }

    public StagedUpload Target { get; }

    public static TextCheck Check(int maxColumns) => TextCheck.For(maxColumns, '\t', TextEncodingChoice.Utf8);

    /// <summary>A field; one that could read as a comment or a <c>#q2:</c> line is quoted.</summary>
    public void Field(ReadOnlySpan<byte> utf8)
    {
        if (!utf8.IsEmpty && utf8[0] == (byte)'#') _writer.WriteField(System.Text.Encoding.UTF8.GetString(utf8), CsvQuoting.Always);
        else _writer.WriteField(utf8);
    }

    public void Field(string value)
    {
        if (value.StartsWith('#')) _writer.WriteField(value, CsvQuoting.Always);
        else _writer.WriteField(value);
    }

    public void EndRecord() => _writer.EndRecord();

    /// <summary>Writes out what is buffered and rewinds the file for reading.</summary>
    public void Complete()
    {
        _writer.Flush();
        Target.Stream.Flush();
        Target.Rewind();
    }

    public void Dispose() => _writer.Dispose();
}

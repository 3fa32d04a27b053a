using FairDatabase.Core.Datasets.Formats;

namespace FairDatabase.Core.Datasets;

/// <summary>Loads an uploaded CSV file into the uploader's own tables.</summary>
public interface IDatasetImporter
{
    /// <summary>
    /// Checks all of <paramref name="body"/>, then creates the tables, metadata and rows in one
    /// transaction: either everything is stored or nothing. A seekable body (such as ASP.NET
    /// Core's buffered form file) is read in place from its current position and left open; any
    /// other body is first streamed to a temporary file, which is always removed.
    /// </summary>
    /// <exception cref="UploadValidationException">The file is not acceptable; nothing was written.</exception>
    /// <exception cref="Data.DatabaseException">The database failed; nothing was written.</exception>
    Task<ImportResult> ImportAsync(Stream body, UploadRequest request, Guid userId, CancellationToken ct);
}

/// <summary>What the user sent with the file: its name as uploaded and the form fields.</summary>
public sealed record UploadRequest(string FileName, string? Description = null, string? Origin = null)
{
    /// <summary>Which way the samples lie (form field <c>orientation</c>).</summary>
    public Orientation Orientation { get; init; } = Orientation.Auto;

    /// <summary>How text is decoded (form field <c>encoding</c>).</summary>
    public TextEncodingChoice Encoding { get; init; } = TextEncodingChoice.Auto;

    /// <summary>Names the dataset <paramref name="name"/> (when given) instead of after the file, keeping the file's kind.</summary>
    public UploadRequest Named(string? name) =>
        string.IsNullOrWhiteSpace(name) ? this : this with { FileName = UploadFileName.Rename(FileName, name) };

    /// <summary>Reads the <c>orientation</c> and <c>encoding</c> form values into this request.</summary>
    /// <exception cref="UploadValidationException">An unknown value.</exception>
    public UploadRequest WithChoices(string? orientation, string? encoding) => this with
    {
        Orientation = Orientations.Parse(orientation) ?? throw new UploadValidationException(UploadProblem.BadOption,
            "Orientation must be \"auto\", \"rows\" (each row is a sample) or \"columns\" (each column is a sample)."),
        Encoding = TextEncodings.Parse(encoding) ?? throw new UploadValidationException(UploadProblem.BadOption,
            "Encoding must be \"auto\", \"utf-8\", \"windows-1252\" or \"iso-8859-1\"."),
    };
}

/// <summary>A stored dataset.</summary>
/// <param name="DatasetId">Key of fairdb.datasets.</param>
/// <param name="DisplayName">The file name without extension (metadata_tables.main_table).</param>
/// <param name="Tables">Physical tables in _realtime, in chunk order (<c>&lt;base&gt;_p0</c>, <c>_p1</c>…).</param>
/// <param name="Rows">Data rows loaded (the header not counted).</param>
/// <param name="Columns">Columns of the file, the id column included.</param>
/// <param name="IdColumn">Sanitized name of the id column, present in every table.</param>
/// <param name="Detected">What the file turned out to be and how it was read.</param>
public sealed record ImportResult(Guid DatasetId, string DisplayName, IReadOnlyList<string> Tables, long Rows, int Columns, string IdColumn,
    DetectedFormat? Detected = null);

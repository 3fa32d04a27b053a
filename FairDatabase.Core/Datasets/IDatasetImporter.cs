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

/// <summary>What the user sent with the file: its name as uploaded and the two form fields.</summary>
public sealed record UploadRequest(string FileName, string? Description = null, string? Origin = null);

/// <summary>A stored dataset.</summary>
/// <param name="DatasetId">Key of fairdb.datasets.</param>
/// <param name="DisplayName">The file name without extension (metadata_tables.main_table).</param>
/// <param name="Tables">Physical tables in _realtime, in chunk order (<c>&lt;base&gt;_p0</c>, <c>_p1</c>…).</param>
/// <param name="Rows">Data rows loaded (the header not counted).</param>
/// <param name="Columns">Columns of the file, the id column included.</param>
/// <param name="IdColumn">Sanitized name of the id column, present in every table.</param>
public sealed record ImportResult(Guid DatasetId, string DisplayName, IReadOnlyList<string> Tables, long Rows, int Columns, string IdColumn);

using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets;
using FairDatabase.Core.Datasets.Browse;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Saves the working copy as a new stored dataset of the user's, recording where it came from.</summary>
public interface IWorkingCopyPublisher
{
    /// <summary>Null when there is no working copy.</summary>
    /// <exception cref="AnonymizationValidationException">The name or the table cannot be stored; the message says why.</exception>
    Task<ImportResult?> SaveAsDatasetAsync(string name, string? description, CancellationToken ct);
}

/// <summary>
/// Writes the working copy as CSV through the upload importer, so the new dataset is stored
/// exactly like an upload (chunking, metadata, recorded headers). Provenance goes in the
/// dataset's origin: the source and every step with its parameters. The importer treats the
/// first column as the patient id and hashes it; the anonymized rows get a fresh row number
/// there, so no column of the result is replaced by a hash and no original id comes back.
/// </summary>
public sealed class WorkingCopyPublisher(IWorkingCopyLoader loader, IDatasetImporter importer, IUserClient db,
    IUserTableCatalog catalog, Releases.Lineage.IDatasetLineageStore lineage) : IWorkingCopyPublisher
{
    public const string RowIdColumn = "anonymized_row";

    public async Task<ImportResult?> SaveAsDatasetAsync(string name, string? description, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new AnonymizationValidationException("Give the new dataset a name.");
        if (await loader.OpenAsync(ct) is not { } copy) return null;
        var userId = db.Identity.UserId ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null);
        if (copy.HasColumn(RowIdColumn))
            throw new AnonymizationValidationException($"The working copy already has a column named '{RowIdColumn}'.", [RowIdColumn]);

        // Streamed through a temporary file: the importer checks the whole file before it stores anything.
        await using var csv = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await WorkingCopyCsv.WriteAsync(copy, csv, RowIdColumn, ct);
        csv.Position = 0;
        try
        {
            var request = new UploadRequest(name.Trim() + ".csv",
                string.IsNullOrWhiteSpace(description) ? $"Anonymized copy of {copy.State.Source?.Name ?? "a working copy"}" : description.Trim(),
                ProvenanceText.Describe(copy.State));
            var result = await importer.ImportAsync(csv, request, userId, ct);
            catalog.Invalidate(userId);
            // Structurally marks the new dataset as anonymized (what releases require), with its source and recipe.
            await lineage.RecordAsync(result.DatasetId, userId, copy.State, ct);
            return result;
        }
        catch (UploadValidationException e)
        {
            throw new AnonymizationValidationException(e.Message, e);
        }
    }
}

/// <summary>The steps applied to a working copy as one line of text, for the saved dataset's origin.</summary>
public static class ProvenanceText
{
    public static string Describe(WorkspaceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parts = new List<string>
        {
            $"anonymized from {state.Source?.Kind ?? "working copy"} '{state.Source?.Name}'",
            $"dropped identifiers: {List(state.DroppedIdentifiers)}",
            $"dropped for missing values: {List(state.DroppedForMissingValues)}",
            $"quasi-identifiers: {List(state.QuasiIdentifiers)}",
        };
        parts.AddRange(state.Mappings.Select(m => m.Rule is { } rule
            ? $"generalized {m.Column} by rule: {rule.Describe()}"
            : $"generalized {m.Column}: {string.Join(", ", m.Mapping.Where(p => p.Key != p.Value).Select(p => $"{p.Key} -> {p.Value}"))}"));
        parts.AddRange(state.Operations.Select(o => $"{o.Name}: {string.Join(", ", o.Parameters.Select(p => $"{p.Key}={Shorten(p.Value)}"))}"));
        return string.Join("; ", parts);
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : Shorten(string.Join(", ", names));

    // A wide table's column lists would swamp the origin text: the first part and how much was left out.
    private static string Shorten(string text) => text.Length <= 400 ? text : $"{text[..400]}… ({text.Length - 400} more characters)";
}

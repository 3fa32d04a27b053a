using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Opens the user's stored working copy over its source.</summary>
public interface IWorkingCopyLoader
{
    /// <summary>Null when the user has no working copy (or one without a source yet).</summary>
    Task<WorkingCopy?> OpenAsync(CancellationToken ct);
}

/// <summary>
/// Builds the column source a working copy names: a stored dataset read in place, or an upload's
/// column blocks. When the dataset has gone (deleted or unshared), the working copy is forgotten
/// so the workflow starts again, and the caller gets the message.
/// </summary>
public sealed class WorkingCopyLoader(IAnonymizationWorkspaceStore store, IUserClient db, DecodedColumnCache cache) : IWorkingCopyLoader
{
    public async Task<WorkingCopy?> OpenAsync(CancellationToken ct)
    {
        if (await store.LoadAsync(ct) is not { Layout: { } layout } workspace) return null;
        CachedCopy? cached = workspace.State.Source?.Copy is { } copy ? new CachedCopy(cache, copy) : null;
        IColumnSource source = workspace.State.Source?.Kind == WorkspaceSource.DatasetKind && workspace.RowIds is { } ids
            ? new StoredDatasetColumnSource(db, workspace.State.Source.Name, layout, ids, cached)
            : new CsvColumnSource(db, layout, cached);
        return new WorkingCopy(workspace.State, new ForgettingSource(source, store), workspace.KeptRows);
    }

    /// <summary>Resets the workspace when the source reports it has gone, then lets the message through.</summary>
    private sealed class ForgettingSource(IColumnSource inner, IAnonymizationWorkspaceStore store) : IColumnSource
    {
        public SourceLayout Layout => inner.Layout;

        public Task<AnonTable> ReadColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct) =>
            GuardAsync(() => inner.ReadColumnsAsync(columns, ct), ct);

        public Task<string[][]> ReadRowsAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct) =>
            GuardAsync(() => inner.ReadRowsAsync(first, count, columns, ct), ct);

        private async Task<T> GuardAsync<T>(Func<Task<T>> read, CancellationToken ct)
        {
            try
            {
                return await read();
            }
            catch (WorkingCopySourceGoneException)
            {
                await store.ResetAsync(ct);
                throw;
            }
        }
    }
}

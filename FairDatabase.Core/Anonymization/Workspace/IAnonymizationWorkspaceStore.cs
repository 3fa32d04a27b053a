using FairDatabase.Core.Anonymization.Workspace.Sources;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>The signed-in user's working copy as stored: the recipe, the source's layout and statistics, its row ids and the kept-row mask.</summary>
public sealed record StoredWorkspace(WorkspaceState State, SourceLayout? Layout, int[]? RowIds, RowMask? KeptRows);

/// <summary>One working copy per user in fairdb_work.workspaces, read and written as that user (RLS).</summary>
public interface IAnonymizationWorkspaceStore
{
    /// <summary>Null when the user has no working copy.</summary>
    Task<StoredWorkspace?> LoadAsync(CancellationToken ct);

    /// <summary>
    /// Replaces the working copy by a new one over a new source with its column blocks (all of an
    /// uploaded CSV's, a stored dataset's compact ones); returns the new start's name (<see cref="WorkspaceSource.Copy"/>).
    /// </summary>
    Task<Guid> StartAsync(WorkspaceState state, SourceLayout layout, int[]? rowIds, IReadOnlyList<ColumnBlock>? blocks, CancellationToken ct);

    /// <summary>Stores the recipe; the kept-row mask is replaced only when <paramref name="setKeptRows"/> (null clears it).</summary>
    Task SaveStateAsync(WorkspaceState state, CancellationToken ct, bool setKeptRows = false, RowMask? keptRows = null);

    /// <summary>The last privacy score calculation as JSON, or null.</summary>
    Task<string?> LoadReportAsync(CancellationToken ct);

    /// <summary>Records the last calculation; false when there is no working copy to attach it to.</summary>
    Task<bool> SaveReportAsync(string json, CancellationToken ct);

    /// <summary>Forgets the working copy (restart, or back to the dashboard).</summary>
    Task ResetAsync(CancellationToken ct);
}

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// The signed-in user's working copy: the state plus the encoded original and current tables.
/// Tables are decoded only when asked for, since most pages need the state alone.
/// </summary>
public sealed class StoredWorkspace(WorkspaceState state, byte[]? original, byte[]? current)
{
    private AnonTable? _original;
    private AnonTable? _current;

    public WorkspaceState State { get; } = state;

    public bool HasTable => current is not null;

    public AnonTable? Original => _original ??= original is null ? null : AnonTableCodec.Decode(original);

    public AnonTable? Current => _current ??= current is null ? null : AnonTableCodec.Decode(current);
}

/// <summary>One working copy per user in fairdb_work.workspaces, read and written as that user (RLS).</summary>
public interface IAnonymizationWorkspaceStore
{
    /// <summary>Null when the user has no working copy.</summary>
    Task<StoredWorkspace?> LoadAsync(CancellationToken ct);

    /// <summary>Creates or replaces the working copy; <paramref name="original"/> null keeps the stored original.</summary>
    Task SaveAsync(WorkspaceState state, AnonTable current, AnonTable? original, CancellationToken ct);

    /// <summary>The last privacy score calculation as JSON, or null.</summary>
    Task<string?> LoadReportAsync(CancellationToken ct);

    /// <summary>Records the last calculation; false when there is no working copy to attach it to.</summary>
    Task<bool> SaveReportAsync(string json, CancellationToken ct);

    /// <summary>Forgets the working copy (restart, or back to the dashboard).</summary>
    Task ResetAsync(CancellationToken ct);
}

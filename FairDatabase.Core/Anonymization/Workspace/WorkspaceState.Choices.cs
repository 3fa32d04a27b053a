namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>The column choices the privacy pages preselect (see <see cref="ColumnChoiceMemory"/>), kept in the recipe's jsonb.</summary>
public sealed partial record WorkspaceState
{
    /// <summary>Quasi-identifiers last used on a privacy page (or the workflow's quasi-identifier step).</summary>
    public IReadOnlyList<string> ChosenQuasiIdentifiers { get; init; } = [];

    /// <summary>Sensitive attributes last used on a privacy page.</summary>
    public IReadOnlyList<string> ChosenSensitiveAttributes { get; init; } = [];
}

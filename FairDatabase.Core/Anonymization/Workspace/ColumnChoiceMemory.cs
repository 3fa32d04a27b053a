namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>Quasi-identifiers and sensitive attributes chosen last, so every privacy page can preselect them.</summary>
public sealed record RememberedChoices(IReadOnlyList<string> QuasiIdentifiers, IReadOnlyList<string> SensitiveAttributes);

/// <summary>Remembers the column choices of the workflow, P29, processing and DP pages in the user's working copy (RLS-protected).</summary>
public interface IColumnChoiceMemory
{
    /// <summary>The last choices; quasi-identifiers fall back on the workflow's. Empty lists without a working copy.</summary>
    Task<RememberedChoices> RecallAsync(CancellationToken ct);

    /// <summary>Records the choices; null leaves that list as it was. Does nothing without a working copy.</summary>
    Task RememberAsync(IReadOnlyList<string>? quasiIdentifiers, IReadOnlyList<string>? sensitiveAttributes, CancellationToken ct);
}

public sealed class ColumnChoiceMemory(IAnonymizationWorkspaceStore store) : IColumnChoiceMemory
{
    public async Task<RememberedChoices> RecallAsync(CancellationToken ct)
    {
        if (await store.LoadAsync(ct) is not { } workspace) return new([], []);
        var state = workspace.State;
        return new(state.ChosenQuasiIdentifiers.Count > 0 ? state.ChosenQuasiIdentifiers : state.QuasiIdentifiers, state.ChosenSensitiveAttributes);
    }

    public async Task RememberAsync(IReadOnlyList<string>? quasiIdentifiers, IReadOnlyList<string>? sensitiveAttributes, CancellationToken ct)
    {
        if (await store.LoadAsync(ct) is not { } workspace) return;
        var state = workspace.State;
        var next = state with
        {
            ChosenQuasiIdentifiers = quasiIdentifiers is null ? state.ChosenQuasiIdentifiers : [.. quasiIdentifiers],
            ChosenSensitiveAttributes = sensitiveAttributes is null ? state.ChosenSensitiveAttributes : [.. sensitiveAttributes],
        };
        if (next.ChosenQuasiIdentifiers.SequenceEqual(state.ChosenQuasiIdentifiers, StringComparer.Ordinal)
            && next.ChosenSensitiveAttributes.SequenceEqual(state.ChosenSensitiveAttributes, StringComparer.Ordinal)) return;
        await store.SaveStateAsync(next, ct);
    }
}

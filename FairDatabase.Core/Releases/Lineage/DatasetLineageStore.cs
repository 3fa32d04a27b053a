using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Data;

namespace FairDatabase.Core.Releases.Lineage;

/// <summary>Records and reads which datasets the anonymization workflow produced.</summary>
public interface IDatasetLineageStore
{
    /// <summary>Records that <paramref name="datasetId"/> (just saved by the workflow for <paramref name="ownerId"/>) came from <paramref name="state"/>.</summary>
    Task RecordAsync(Guid datasetId, Guid ownerId, WorkspaceState state, CancellationToken ct);

    /// <summary>The lineage of a dataset the signed-in user may read; null for a raw upload (or a dataset it cannot see).</summary>
    Task<DatasetLineage?> FindAsync(Guid datasetId, CancellationToken ct);
}

/// <summary>
/// Written as service_role only, so nobody can mark a raw upload as anonymized; read as the user
/// (owner or grantee, by RLS). The source dataset is resolved by name as the user at save time,
/// their own dataset first when a shared one has the same name.
/// </summary>
public sealed class DatasetLineageStore(IServiceRoleClient service, IUserClient user) : IDatasetLineageStore
{
    public async Task RecordAsync(Guid datasetId, Guid ownerId, WorkspaceState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kind = state.Source?.Kind == WorkspaceSource.DatasetKind ? WorkspaceSource.DatasetKind : WorkspaceSource.UploadKind;
        var name = state.Source?.Name ?? "";
        Guid? sourceId = kind == WorkspaceSource.DatasetKind
            ? await user.RunAsync(s => s.QuerySingleOrDefaultAsync<Guid?>(
                "SELECT id FROM fairdb.datasets WHERE display_name = @name ORDER BY (user_id = auth.uid()) DESC, created_at DESC LIMIT 1", new { name }), ct)
            : null;
        var qis = state.ChosenQuasiIdentifiers.Count > 0 ? state.ChosenQuasiIdentifiers : state.QuasiIdentifiers;
        await service.RunAsync(s => s.ExecuteAsync(
            """
            INSERT INTO fairdb.dataset_lineage (dataset_id, user_id, source_kind, source_name, source_dataset_id, recipe, quasi_identifiers, sensitive_attributes)
            VALUES (@datasetId, @ownerId, @kind, @name, @sourceId, @recipe::jsonb, @qis, @sensitive)
            """,
            new { datasetId, ownerId, kind, name, sourceId, recipe = PublishableRecipe.From(state), qis = qis.ToArray(), sensitive = state.ChosenSensitiveAttributes.ToArray() }), ct);
    }

    public async Task<DatasetLineage?> FindAsync(Guid datasetId, CancellationToken ct)
    {
        var row = await user.RunAsync(s => s.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT dataset_id, user_id, source_kind, source_name, source_dataset_id, recipe::text AS recipe, quasi_identifiers, sensitive_attributes
            FROM fairdb.dataset_lineage WHERE dataset_id = @datasetId
            """, new { datasetId }), ct);
        return row is null ? null : new DatasetLineage(row.dataset_id, row.user_id, row.source_kind, row.source_name, row.source_dataset_id,
            row.recipe, row.quasi_identifiers, row.sensitive_attributes);
    }

#pragma warning disable IDE1006 // Dapper maps columns to these names.
    private sealed class Row
    {
        public Guid dataset_id { get; set; }
        public Guid user_id { get; set; }
        public string source_kind { get; set; } = "";
        public string source_name { get; set; } = "";
        public Guid? source_dataset_id { get; set; }
        public string recipe { get; set; } = "{}";
        public string[] quasi_identifiers { get; set; } = [];
        public string[] sensitive_attributes { get; set; } = [];
    }
#pragma warning restore IDE1006
}

using FairDatabase.Core.Data;

namespace FairDatabase.Core.Sharing;

/// <summary>Someone the owner has given read access to.</summary>
public sealed record DatasetGrantee(string Email, DateTimeOffset Since);

/// <summary>
/// Read-only grants on a dataset. Everything runs as the signed-in user through SQL functions
/// that check ownership themselves; what a grant allows is enforced by RLS, not here.
/// </summary>
public interface IDatasetSharing
{
    /// <summary>False when the caller does not own the dataset, the e-mail is unknown or is the caller's own.</summary>
    Task<bool> ShareAsync(Guid datasetId, string email, CancellationToken ct);

    /// <summary>False when there was no such grant of the caller's to end.</summary>
    Task<bool> RevokeAsync(Guid datasetId, string email, CancellationToken ct);

    /// <summary>The grantees of one of the caller's datasets (empty for anyone else's).</summary>
    Task<IReadOnlyList<DatasetGrantee>> GranteesAsync(Guid datasetId, CancellationToken ct);
}

public sealed class DatasetSharing(IUserClient db) : IDatasetSharing
{
    public Task<bool> ShareAsync(Guid datasetId, string email, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteScalarAsync<bool>("SELECT fairdb.share_dataset(@datasetId, @email)", new { datasetId, email }), ct);

    public Task<bool> RevokeAsync(Guid datasetId, string email, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteScalarAsync<bool>("SELECT fairdb.revoke_dataset(@datasetId, @email)", new { datasetId, email }), ct);

    public async Task<IReadOnlyList<DatasetGrantee>> GranteesAsync(Guid datasetId, CancellationToken ct)
    {
        var rows = await db.RunAsync(s => s.QueryAsync<(string Email, DateTime Since)>(
            "SELECT email, created_at FROM fairdb.dataset_grantees(@datasetId)", new { datasetId }), ct);
        return rows.Select(r => new DatasetGrantee(r.Email, new DateTimeOffset(DateTime.SpecifyKind(r.Since, DateTimeKind.Utc)))).ToList();
    }
}

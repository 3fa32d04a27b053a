using FairDatabase.Core.Data;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// Per-user limits on stored data (Upload:MaxBytesPerUser, Upload:MaxDatasetsPerUser). Usage is
/// what PostgreSQL stores for the user's tables (pg_total_relation_size: rows, indexes, TOAST), so
/// it matches the disk the user costs. The importer asks twice: cheaply before receiving a file
/// (is there room at all?) and inside the load transaction under a per-user lock, with the file's
/// size, so two uploads at once cannot both squeeze past the limit.
/// </summary>
internal sealed class UploadQuota(UploadOptions options)
{
    /// <summary>Before the file is received: refuses when the user has no room left at all.</summary>
    public async Task CheckRoomAsync(IServiceRoleClient db, Guid userId, CancellationToken ct)
    {
        var usage = await db.RunAsync(s => UsageAsync(s, userId), ct);
        Check(usage, incomingBytes: 0, strictBytes: false);
    }

    /// <summary>In the load transaction, before any table is created: the authoritative check; the refusal, or null.</summary>
    public async Task<UploadValidationException?> RefusalBeforeLoadAsync(DbSession s, Guid userId, long incomingBytes)
    {
        // Serializes this user's loads until commit; other users are not held up.
        await s.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('fairdb.upload_quota:' || @userId::text, 0))", new { userId });
        return Refusal(await UsageAsync(s, userId), incomingBytes, strictBytes: true);
    }

    private void Check(Usage usage, long incomingBytes, bool strictBytes)
    {
        if (Refusal(usage, incomingBytes, strictBytes) is { } refusal) throw refusal;
    }

    private UploadValidationException? Refusal(Usage usage, long incomingBytes, bool strictBytes)
    {
        if (usage.Datasets >= options.MaxDatasetsPerUser)
            return new UploadValidationException(UploadProblem.TooManyDatasets,
                $"You have {usage.Datasets} datasets, the most one account may keep ({options.MaxDatasetsPerUser}). Delete one before uploading another.");
        var full = strictBytes ? usage.Bytes + incomingBytes > options.MaxBytesPerUser : usage.Bytes >= options.MaxBytesPerUser;
        return full
            ? new UploadValidationException(UploadProblem.QuotaExceeded,
                $"Your datasets use {Size(usage.Bytes)} of your {Size(options.MaxBytesPerUser)} storage quota; this file ({Size(incomingBytes)}) does not fit. Delete a dataset first.")
            : null;
    }

    private static async Task<Usage> UsageAsync(DbSession s, Guid userId) =>
        await s.QuerySingleOrDefaultAsync<Usage>(
            """
            SELECT (SELECT count(*) FROM fairdb.datasets d WHERE d.user_id = @userId) AS datasets,
                   (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
                    FROM fairdb.dataset_tables t
                    JOIN pg_class c ON c.relname = t.table_name
                    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = '_realtime'
                    WHERE t.user_id = @userId) AS bytes
            """, new { userId }) ?? new Usage();

    private static string Size(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.##} GB" : $"{bytes / (double)(1 << 20):0.#} MB";

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed class Usage
    {
        public long datasets { get; set; }
        public long bytes { get; set; }
        public long Datasets => datasets;
        public long Bytes => bytes;
    }
#pragma warning restore IDE1006, CA1812
}

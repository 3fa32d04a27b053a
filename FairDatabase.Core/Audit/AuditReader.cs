using FairDatabase.Core.Data;

namespace FairDatabase.Core.Audit;

/// <summary>An audit row as shown to users; <see cref="Email"/> is who acted (dataset trails only).</summary>
public sealed record AuditEntry(DateTimeOffset At, string? Email, string Action, string? TableName, int Status,
    int? DurationMs, string? RequestId, string? Detail);

/// <summary>Reads the trail as the signed-in user: RLS and dataset_audit decide what is visible.</summary>
public interface IAuditReader
{
    /// <summary>Events on one of the caller's own datasets, whoever acted; empty for anyone else's.</summary>
    Task<IReadOnlyList<AuditEntry>> ForDatasetAsync(Guid datasetId, CancellationToken ct);

    /// <summary>The caller's own events, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ForCallerAsync(CancellationToken ct);
}

public sealed class AuditReader(IUserClient db) : IAuditReader
{
    public const int Limit = 500;

    public async Task<IReadOnlyList<AuditEntry>> ForDatasetAsync(Guid datasetId, CancellationToken ct) =>
        Map(await db.RunAsync(s => s.QueryAsync<Row>(
            "SELECT at, email, action, table_name, status, duration_ms, request_id, detail FROM fairdb.dataset_audit(@datasetId, @limit)",
            new { datasetId, limit = Limit }), ct));

    public async Task<IReadOnlyList<AuditEntry>> ForCallerAsync(CancellationToken ct) =>
        Map(await db.RunAsync(s => s.QueryAsync<Row>(
            """
            SELECT at, NULL AS email, action, table_name, status, duration_ms, request_id, detail
            FROM fairdb.audit_log WHERE user_id = auth.uid() ORDER BY at DESC, id DESC LIMIT @limit
            """, new { limit = Limit }), ct));

    private static List<AuditEntry> Map(IEnumerable<Row> rows) => rows.Select(r => new AuditEntry(
        new DateTimeOffset(DateTime.SpecifyKind(r.at, DateTimeKind.Utc)), r.email, r.action, r.table_name, r.status,
        r.duration_ms, r.request_id, r.detail)).ToList();

#pragma warning disable IDE1006, CA1812 // Dapper maps columns to these names.
    private sealed class Row
    {
        public DateTime at { get; set; }
        public string? email { get; set; }
        public string action { get; set; } = "";
        public string? table_name { get; set; }
        public short status { get; set; }
        public int? duration_ms { get; set; }
        public string? request_id { get; set; }
        public string? detail { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}

using FairDatabase.Core.Data;

namespace FairDatabase.Core.Audit;

/// <summary>Appends audit batches in one statement as service_role, resolving dataset ids from table or dataset names.</summary>
public sealed class AuditStore(IServiceRoleClient db)
{
    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct) =>
        db.RunAsync(s => s.ExecuteAsync(
            """
            INSERT INTO fairdb.audit_log (at, user_id, action, dataset_id, table_name, status, duration_ms, request_id, ip, detail)
            SELECT e.at, e.user_id, e.action,
                   coalesce(e.dataset_id,
                            (SELECT t.dataset_id FROM fairdb.dataset_tables t WHERE t.table_name = e.table_name),
                            (SELECT d.id FROM fairdb.datasets d
                             WHERE e.dataset_name IS NOT NULL AND d.display_name = e.dataset_name
                               AND (d.user_id = e.user_id OR EXISTS (SELECT 1 FROM fairdb.dataset_grants g
                                                                     WHERE g.dataset_id = d.id AND g.grantee = e.user_id))
                             ORDER BY d.user_id = e.user_id DESC, d.created_at DESC LIMIT 1)),
                   e.table_name, e.status, e.duration_ms, e.request_id, e.ip::inet, e.detail
            FROM unnest(@at, @user, @action, @dataset, @table, @datasetName, @status, @duration, @request, @ip, @detail)
                 AS e (at, user_id, action, dataset_id, table_name, dataset_name, status, duration_ms, request_id, ip, detail)
            """,
            new
            {
                at = events.Select(e => e.At.UtcDateTime).ToArray(),
                user = events.Select(e => e.UserId).ToArray(),
                action = events.Select(e => e.Action).ToArray(),
                dataset = events.Select(e => e.DatasetId).ToArray(),
                table = events.Select(e => e.TableName).ToArray(),
                datasetName = events.Select(e => e.DatasetName).ToArray(),
                status = events.Select(e => (short)e.Status).ToArray(),
                duration = events.Select(e => e.DurationMs).ToArray(),
                request = events.Select(e => e.RequestId).ToArray(),
                ip = events.Select(e => e.Ip).ToArray(),
                detail = events.Select(e => Truncate(e.Detail)).ToArray(),
            }), ct);

    private static string? Truncate(string? s) => s is { Length: > 500 } ? s[..500] : s;
}

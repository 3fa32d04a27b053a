using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace FairDatabase.Web.Health;

/// <summary>Healthy when PostgreSQL answers a trivial query within a few seconds.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The exception text can name hosts; the probe only needs the verdict.
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}

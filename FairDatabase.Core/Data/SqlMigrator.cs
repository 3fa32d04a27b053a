using System.Security.Cryptography;
using System.Text;
using Dapper;
using FairDatabase.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FairDatabase.Core.Data;

/// <summary>
/// Applies the plain SQL files in name order, each once, recording them in a journal table that
/// <c>scripts/db.sh migrate</c> shares. Embedded mode applies supabase-compat/ first; Supabase
/// already has that layer, so only migrations/ runs there.
/// </summary>
public sealed class SqlMigrator(IOptions<DatabaseOptions> database, IOptions<FairDatabaseOptions> deployment, ILogger<SqlMigrator> logger)
{
    internal const string JournalDdl = """
        CREATE SCHEMA IF NOT EXISTS fairdb_meta;
        CREATE TABLE IF NOT EXISTS fairdb_meta.applied_sql (
          name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        """;

    // Any app instance may start at the same time as another; one applies, the others wait.
    private const long AdvisoryLockKey = 0x46414952_4442; // "FAIRDB"

    public IReadOnlyList<(string Name, string Path)> PendingCandidates(string sqlDirectory)
    {
        var folders = deployment.Value.Mode == DeploymentMode.Embedded
            ? new[] { "supabase-compat", "migrations" }
            : ["migrations"];
        return folders
            .SelectMany(folder => Directory.Exists(Path.Combine(sqlDirectory, folder))
                ? Directory.GetFiles(Path.Combine(sqlDirectory, folder), "*.sql")
                    .Order(StringComparer.Ordinal)
                    .Select(p => ($"{folder}/{Path.GetFileName(p)}", p))
                : [])
            .ToList();
    }

    /// <returns>The names of the files applied now.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(string sqlDirectory, CancellationToken ct)
    {
        var options = database.Value;
        var connectionString = ConnectionStrings.Normalize(options.MigrationConnectionString is { Length: > 0 } m ? m : options.ConnectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@k)", new { k = AdvisoryLockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(JournalDdl, cancellationToken: ct));
            var applied = (await connection.QueryAsync<(string Name, string Checksum)>(
                new CommandDefinition("SELECT name, checksum FROM fairdb_meta.applied_sql", cancellationToken: ct)))
                .ToDictionary(r => r.Name, r => r.Checksum, StringComparer.Ordinal);

            var done = new List<string>();
            foreach (var (name, path) in PendingCandidates(sqlDirectory))
            {
                var sql = await File.ReadAllTextAsync(path, ct);
                var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                if (applied.TryGetValue(name, out var known))
                {
                    if (known != checksum)
                        logger.LogWarning("{Migration} changed after it was applied; released migrations must not be edited", name);
                    continue;
                }
                await ApplyAsync(connection, name, sql, checksum, ct);
                logger.LogInformation("Applied {Migration}", name);
                done.Add(name);
            }
            return done;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@k)", new { k = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, string name, string sql, string checksum, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Simple protocol (no parameters) so a file may hold many statements, like psql -f.
        await using (var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 })
            await cmd.ExecuteNonQueryAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO fairdb_meta.applied_sql (name, checksum) VALUES (@name, @checksum)",
            new { name, checksum }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}

namespace FairDatabase.Core.Data;

/// <summary>Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Connection for the app's own non-superuser login role (key=value or postgres:// URL).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Connection used only to apply sql/ at start-up; defaults to <see cref="ConnectionString"/>.</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Apply sql/supabase-compat (embedded mode) and sql/migrations at start-up.</summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;

    /// <summary>Folder holding supabase-compat/ and migrations/; relative paths are taken from the content root.</summary>
    public string SqlDirectory { get; set; } = "sql";

    /// <summary>Seconds a single statement may run before PostgreSQL cancels it (answered as 504).</summary>
    public int CommandTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Seconds a transaction may sit idle before PostgreSQL ends the session (0 = no limit). The
    /// app never waits on a client inside a transaction, so this only catches mistakes.
    /// </summary>
    public int IdleInTransactionTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Statements Npgsql prepares on each server connection once they repeat (parsed and planned
    /// once). Must be 0 through a transaction pooler without prepared-statement support
    /// (PgBouncer before 1.21 in transaction mode, as scripts/cluster.sh runs it).
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 20;
}

using System.Data;
using Dapper;
using Npgsql;

namespace FairDatabase.Core.Data;

/// <summary>
/// One open connection and transaction, already switched to a role and identity. Handed to the
/// work passed to <see cref="IDbClient.RunAsync{T}"/>; never outlives it.
/// </summary>
public sealed class DbSession
{
    internal DbSession(NpgsqlConnection connection, NpgsqlTransaction transaction, DbIdentity identity, int commandTimeout, CancellationToken ct)
    {
        Connection = connection;
        Transaction = transaction;
        Identity = identity;
        CommandTimeout = commandTimeout;
        CancellationToken = ct;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public DbIdentity Identity { get; }

    public int CommandTimeout { get; }

    public CancellationToken CancellationToken { get; }

    public CommandDefinition Command(string sql, object? parameters = null, CommandFlags flags = CommandFlags.Buffered) =>
        new(sql, parameters, Transaction, CommandTimeout, CommandType.Text, flags, CancellationToken);

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Connection.QueryAsync<T>(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T> ExecuteScalarAsync<T>(string sql, object? parameters = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters))!;

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Connection.ExecuteAsync(Command(sql, parameters));

    /// <summary>A raw Npgsql command bound to this session's transaction (for readers and COPY helpers).</summary>
    public NpgsqlCommand CreateCommand(string sql)
    {
        var cmd = new NpgsqlCommand(sql, Connection, Transaction) { CommandTimeout = CommandTimeout };
        return cmd;
    }
}

using Npgsql;

namespace FairDatabase.Core.Data;

public partial class DbClient
{
    public Task<T> ReadAsync<T>(IReadOnlyList<DbStatement> statements, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct) =>
        TranslatedAsync(() =>
        {
            var identity = Identity; // once: every attempt runs as the same identity
            return _retry.ExecuteAsync(async token => await ReadCoreAsync(identity, statements, read, token), ct).AsTask();
        }, ct);

    /// <remarks>
    /// A batch without an explicit transaction is sent with one Sync, and PostgreSQL runs every
    /// statement up to a Sync in one implicit transaction: the role and claims set by the first
    /// statement (local to that transaction) apply to the rest and end with it, exactly as in
    /// <see cref="RunCoreAsync{T}"/>, but the BEGIN, the separate identify round trip and the
    /// COMMIT are gone. An error in any statement rolls back the whole batch.
    /// </remarks>
    private async Task<T> ReadCoreAsync<T>(DbIdentity identity, IReadOnlyList<DbStatement> statements,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection) { Timeout = _commandTimeout };
        var identify = new NpgsqlBatchCommand(IdentifySql);
        identify.Parameters.AddRange(IdentifyParameters(identity));
        batch.BatchCommands.Add(identify);
        foreach (var statement in statements) batch.BatchCommands.Add(statement.ToBatchCommand());
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the identify row
        return await read(reader, ct);
    }
}

using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace FairDatabase.Core.Data;

/// <summary>
/// The one implementation behind every client: a connection per unit of work from the shared
/// data source, <c>SET LOCAL ROLE</c> plus <c>request.jwt.claims</c> at the start of the
/// transaction (what PostgREST does), commit at the end, retries for transient failures.
/// </summary>
public partial class DbClient : IDbClient
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<DbIdentity> _identity;
    private readonly ResiliencePipeline _retry;
    private readonly int _commandTimeout;
    private readonly string _statementTimeout;
    private readonly string _idleTimeout;

    public DbClient(NpgsqlDataSource dataSource, Func<DbIdentity> identity, DbRetryPipeline retry, IOptions<DatabaseOptions> options)
    {
        _dataSource = dataSource;
        _identity = identity;
        _retry = retry.Pipeline;
        _commandTimeout = options.Value.CommandTimeoutSeconds;
        // Enforced by PostgreSQL too, so a statement or a forgotten open transaction ends even if
        // the app stalls. Local to the transaction (not connection options), as transaction-mode poolers need.
        _statementTimeout = (options.Value.CommandTimeoutSeconds * 1000L).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _idleTimeout = (options.Value.IdleInTransactionTimeoutSeconds * 1000L).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public DbIdentity Identity => _identity();

    public Task<T> RunAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct) =>
        TranslatedAsync(() =>
        {
            var identity = Identity; // once: every attempt runs as the same identity
            return _retry.ExecuteAsync(async token => await RunCoreAsync(identity, work, token), ct).AsTask();
        }, ct);

    public Task<T> RunOnceAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct) =>
        TranslatedAsync(() => RunCoreAsync(Identity, work, ct), ct);

    /// <summary>Every failure leaves as a <see cref="DatabaseException"/>, except the caller's own cancellation.</summary>
    private static async Task<T> TranslatedAsync<T>(Func<Task<T>> run, CancellationToken ct)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw DbErrors.Translate(e);
        }
    }

    // Role and claims in one statement, both local to the transaction (SET LOCAL ROLE is
    // set_config('role', …, true)): nothing outlives it, which PgBouncer's transaction mode needs.
    // request.jwt.claim.sub is the claims' sub again: auth.uid() reads it first (as Supabase's
    // does), so policies checking every row need not parse the claims JSON each time.
    private const string IdentifySql =
        "SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.claim.sub', $3, true), " +
        "set_config('statement_timeout', $4, true), set_config('idle_in_transaction_session_timeout', $5, true)";

    private NpgsqlParameter[] IdentifyParameters(DbIdentity identity) =>
    [
        new() { Value = identity.Role },
        new() { Value = identity.ClaimsJson },
        new() { Value = identity.UserId?.ToString() ?? "" },
        new() { Value = _statementTimeout },
        new() { Value = _idleTimeout },
    ];

    private async Task<T> RunCoreAsync<T>(DbIdentity identity, Func<DbSession, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var identify = new NpgsqlCommand(IdentifySql, connection, transaction))
        {
            identify.Parameters.AddRange(IdentifyParameters(identity));
            await identify.ExecuteNonQueryAsync(ct);
        }

        var result = await work(new DbSession(connection, transaction, identity, _commandTimeout, ct));
        await transaction.CommitAsync(ct);
        return result;
    }
}

public sealed class ServiceRoleClient(NpgsqlDataSource dataSource, DbRetryPipeline retry, IOptions<DatabaseOptions> options)
    : DbClient(dataSource, () => DbIdentity.ServiceRole, retry, options), IServiceRoleClient;

public sealed class UserClient(NpgsqlDataSource dataSource, IUserContext user, DbRetryPipeline retry, IOptions<DatabaseOptions> options)
    : DbClient(dataSource, () => user.Identity ?? throw new DatabaseException(DbErrorKind.Forbidden, "Sign in first.", null, null), retry, options),
      IUserClient;

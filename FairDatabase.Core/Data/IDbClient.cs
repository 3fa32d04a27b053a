namespace FairDatabase.Core.Data;

/// <summary>
/// Runs a unit of work in one transaction as a fixed identity. Transient failures are retried
/// (the whole unit: it is rolled back first); every failure leaves as a <see cref="DatabaseException"/>.
/// </summary>
public interface IDbClient
{
    DbIdentity Identity { get; }

    Task<T> RunAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct);

    /// <summary>The same without retries, for work that cannot be replayed (a streamed request body).</summary>
    Task<T> RunOnceAsync<T>(Func<DbSession, Task<T>> work, CancellationToken ct);

    /// <summary>
    /// Read-only statements in one round trip, as the same identity: sent with the role and claims
    /// as one batch that PostgreSQL runs as one implicit transaction (no BEGIN, no COMMIT). For the
    /// reads every page makes; <paramref name="read"/> gets the reader on the first statement's
    /// result and moves on with NextResultAsync. Retried like <see cref="RunAsync{T}"/>.
    /// </summary>
    Task<T> ReadAsync<T>(IReadOnlyList<DbStatement> statements, Func<Npgsql.NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct);
}

/// <summary>Runs as <c>service_role</c>: bypasses RLS. For admin work only (creating tables, auth).</summary>
public interface IServiceRoleClient : IDbClient;

/// <summary>Runs as the signed-in user (<c>authenticated</c> + the token's claims): RLS applies.</summary>
public interface IUserClient : IDbClient;

/// <summary>The signed-in user's database identity, supplied by the host (the web tier).</summary>
public interface IUserContext
{
    /// <summary>Null when nobody is signed in.</summary>
    DbIdentity? Identity { get; }
}

public static class DbClientExtensions
{
    public static Task RunAsync(this IDbClient client, Func<DbSession, Task> work, CancellationToken ct) =>
        client.RunAsync(async s => { await work(s); return true; }, ct);
}

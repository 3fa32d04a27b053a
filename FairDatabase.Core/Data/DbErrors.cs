using Npgsql;

namespace FairDatabase.Core.Data;

/// <summary>What went wrong in the database, in terms the web tier can answer with.</summary>
public enum DbErrorKind
{
    NotFound,
    Forbidden,
    Conflict,
    BadRequest,
    Timeout,
    Unavailable,
    Internal,
}

/// <summary>A database failure with its kind; <see cref="Exception.Message"/> is safe to show a user.</summary>
public sealed class DatabaseException : Exception
{
    public DatabaseException(DbErrorKind kind, string message, string? sqlState, Exception? inner)
        : base(message, inner)
    {
        Kind = kind;
        SqlState = sqlState;
    }

    public DbErrorKind Kind { get; }

    public string? SqlState { get; }
}

public static class DbErrors
{
    /// <summary>Maps by SqlState (never by message text).</summary>
    public static DbErrorKind KindOf(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.UndefinedFunction or PostgresErrorCodes.UndefinedTable
            or PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.NoDataFound => DbErrorKind.NotFound,
        PostgresErrorCodes.InsufficientPrivilege => DbErrorKind.Forbidden,
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation => DbErrorKind.Conflict,
        PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable => DbErrorKind.Timeout,
        PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.InvalidParameterValue
            or PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.NotNullViolation
            or PostgresErrorCodes.InvalidSchemaName => DbErrorKind.BadRequest,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections => DbErrorKind.Unavailable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DbErrorKind.Unavailable,
        _ => DbErrorKind.Internal,
    };

    /// <summary>Worth another attempt: the same work may well succeed a moment later.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.AdminShutdown || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npg => npg.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    public static DatabaseException Translate(Exception e) => e switch
    {
        DatabaseException d => d,
        PostgresException pg => new DatabaseException(KindOf(pg.SqlState), FriendlyMessage(KindOf(pg.SqlState), pg), pg.SqlState, pg),
        NpgsqlException { InnerException: TimeoutException } npg =>
            new DatabaseException(DbErrorKind.Timeout, "The database took too long to answer.", null, npg),
        NpgsqlException npg => new DatabaseException(DbErrorKind.Unavailable, "The database is not reachable right now.", null, npg),
        TimeoutException t => new DatabaseException(DbErrorKind.Timeout, "The database took too long to answer.", null, t),
        _ => new DatabaseException(DbErrorKind.Internal, "The database could not complete the request.", null, e),
    };

    // Messages raised by our own SQL functions are written for users; others stay generic so
    // nothing about the schema leaks.
    private static string FriendlyMessage(DbErrorKind kind, PostgresException pg) => kind switch
    {
        DbErrorKind.NotFound => "Not found.",
        DbErrorKind.Forbidden => pg.Routine == "exec_stmt_raise" ? pg.MessageText : "You are not allowed to do that.",
        DbErrorKind.Conflict => "That conflicts with existing data.",
        DbErrorKind.BadRequest => pg.Routine == "exec_stmt_raise" ? pg.MessageText : "The database refused a value as invalid.",
        DbErrorKind.Timeout => "The database took too long to answer.",
        DbErrorKind.Unavailable => "The database is not reachable right now.",
        _ => "The database could not complete the request.",
    };
}

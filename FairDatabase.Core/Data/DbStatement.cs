using Npgsql;

namespace FairDatabase.Core.Data;

/// <summary>
/// One statement of a <see cref="IDbClient.ReadAsync{T}"/> batch: SQL with @named parameters.
/// Holds values, not NpgsqlParameters, so a retried batch builds fresh ones.
/// </summary>
public sealed class DbStatement(string sql)
{
    private readonly List<(string Name, object? Value)> _values = [];

    public string Sql { get; } = sql;

    public DbStatement With(string name, object? value)
    {
        _values.Add((name, value));
        return this;
    }

    internal NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        foreach (var (name, value) in _values) command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        return command;
    }
}

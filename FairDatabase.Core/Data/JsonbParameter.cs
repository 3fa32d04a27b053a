using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace FairDatabase.Core.Data;

/// <summary>Passes a JSON string to Dapper as jsonb.</summary>
public sealed class JsonbParameter(string json) : SqlMapper.ICustomQueryParameter
{
    public void AddParameter(IDbCommand command, string name) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
}

using System.Text.RegularExpressions;
using Dapper;

namespace FairDatabase.Core.Data;

/// <summary>
/// Calls the public RPC functions by name with named arguments, the way PostgREST's /rpc does:
/// <c>Rpc.QueryAsync&lt;string&gt;(s, "get_all_tables", new { p_schema_name = "_realtime" })</c>.
/// </summary>
public static partial class Rpc
{
    public static Task<IEnumerable<T>> QueryAsync<T>(DbSession session, string function, object? arguments = null) =>
        session.Connection.QueryAsync<T>(session.Command(Sql(function, arguments), arguments));

    public static Task<T?> ScalarAsync<T>(DbSession session, string function, object? arguments = null) =>
        session.Connection.ExecuteScalarAsync<T>(session.Command(Sql(function, arguments), arguments));

    internal static string Sql(string function, object? arguments)
    {
        if (!Name().IsMatch(function))
            throw new ArgumentException($"'{function}' is not an RPC function name.", nameof(function));
        var names = ArgumentNames(arguments);
        foreach (var n in names)
        {
            if (!Name().IsMatch(n)) throw new ArgumentException($"'{n}' is not an argument name.", nameof(arguments));
        }
        var args = string.Join(", ", names.Select(n => $"{n} => @{n}"));
        return $"SELECT * FROM public.{function}({args})";
    }

    private static List<string> ArgumentNames(object? arguments) => arguments switch
    {
        null => [],
        DynamicParameters d => d.ParameterNames.ToList(),
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Select(p => p.Key).ToList(),
        _ => arguments.GetType().GetProperties().Select(p => p.Name).ToList(),
    };

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Name();
}

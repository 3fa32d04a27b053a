namespace FairDatabase.Core.Data;

/// <summary>
/// The one place identifiers that come from users (table and column names) are turned into SQL.
/// </summary>
public static class SqlIdentifier
{
    /// <summary>Quotes an identifier for PostgreSQL, doubling embedded quotes; refuses NUL and empty names.</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0 || identifier.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("An identifier must be non-empty and contain no NUL.", nameof(identifier));
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>schema.table, both quoted.</summary>
    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);
}

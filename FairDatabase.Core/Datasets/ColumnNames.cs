using System.Text;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// Turns header names from a file into PostgreSQL column names: lower case, ASCII
/// letters, digits and <c>_</c> only, at most 63 bytes, unique, and never a name the data tables
/// reserve for themselves. The names are still quoted wherever they reach SQL.
/// </summary>
public static class ColumnNames
{
    public const int MaxIdentifierBytes = 63;

    /// <summary>Columns every data table has besides the file's own (see create_data_table).</summary>
    public static IReadOnlyList<string> Reserved { get; } = ["rowid", "user_id"];

    /// <summary>One sanitized, de-duplicated name per header name, in the same order.</summary>
    public static IReadOnlyList<string> Sanitize(IReadOnlyList<string> header)
    {
        var used = new HashSet<string>(Reserved, StringComparer.Ordinal);
        var nextSuffix = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new string[header.Count];
        for (var i = 0; i < header.Count; i++)
            result[i] = Unique(Clean(header[i], "col_", $"column_{i + 1}"), used, nextSuffix);
        return result;
    }

    /// <summary>
    /// Lower-cases and replaces everything but [a-z0-9_] by <c>_</c>; prefixes
    /// <paramref name="digitPrefix"/> when the result starts with a digit; cuts it to
    /// <paramref name="maxLength"/>; <paramref name="whenEmpty"/> for an empty name.
    /// </summary>
    public static string Clean(string name, string digitPrefix, string whenEmpty, int maxLength = MaxIdentifierBytes)
    {
        var sb = new StringBuilder(Math.Min(name.Length, maxLength) + digitPrefix.Length);
        foreach (var rune in name.Trim().EnumerateRunes())
        {
            var c = rune.IsAscii ? char.ToLowerInvariant((char)rune.Value) : '_';
            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }
        if (sb.Length == 0) return whenEmpty;
        if (char.IsAsciiDigit(sb[0])) sb.Insert(0, digitPrefix);
        // Only ASCII is left, so characters are bytes.
        return sb.Length > maxLength ? sb.ToString(0, maxLength) : sb.ToString();
    }

    /// <summary>
    /// The name, or name_2, name_3… (cut so that it stays within 63 bytes) when taken. Each name
    /// remembers the first suffix not yet tried: names are never freed, so every suffix tried
    /// before is still taken, and 20,000 equal names cost 20,000 steps instead of 200 million.
    /// </summary>
    private static string Unique(string name, HashSet<string> used, Dictionary<string, int> nextSuffix)
    {
        if (!nextSuffix.TryGetValue(name, out var n))
        {
            if (used.Add(name))
            {
                nextSuffix[name] = 2;
                return name;
            }
            n = 2;
        }
        string candidate;
        do
        {
            var suffix = "_" + n++;
            candidate = (name.Length + suffix.Length > MaxIdentifierBytes ? name[..(MaxIdentifierBytes - suffix.Length)] : name) + suffix;
        }
        while (!used.Add(candidate));
        nextSuffix[name] = n;
        return candidate;
    }
}

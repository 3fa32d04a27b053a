using FairDatabase.Core.Anonymization;

namespace FairDatabase.Tests.Anonymization;

/// <summary>Small tables written inline: "a|b|c" per row; an empty cell is missing.</summary>
internal static class Tables
{
    public static AnonTable Of(string header, params string[] rows) =>
        AnonTable.FromRows(header.Split('|'), rows.Select(row => row.Split('|')));

    /// <summary>The rows as "a|b|c" strings, for whole-table assertions.</summary>
    public static string[] Lines(AnonTable table) => [.. table.Rows().Select(row => string.Join('|', row))];
}

namespace FairDatabase.Core.Anonymization;

/// <summary>Checks shared by the anonymization steps; every failure names the columns involved.</summary>
internal static class AnonymizationValidation
{
    /// <summary>Quasi-identifiers and sensitive attributes as the README describes: both non-empty, known, disjoint, no repeats.</summary>
    public static void EnsurePrivacyColumns(AnonTable table, IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes)
    {
        ArgumentNullException.ThrowIfNull(table);
        EnsurePrivacyColumns(table.HasColumn, quasiIdentifiers, sensitiveAttributes);
    }

    public static void EnsurePrivacyColumns(Func<string, bool> has, IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes)
    {
        ArgumentNullException.ThrowIfNull(quasiIdentifiers);
        ArgumentNullException.ThrowIfNull(sensitiveAttributes);
        if (quasiIdentifiers.Count == 0)
            throw new AnonymizationValidationException("Choose at least one quasi-identifier.");
        if (sensitiveAttributes.Count == 0)
            throw new AnonymizationValidationException("Choose at least one sensitive attribute.");
        EnsureKnownAndDistinct(has, quasiIdentifiers, sensitiveAttributes);
    }

    /// <summary>Known names, no repeats within a list, no column in both lists (either list may be empty).</summary>
    public static void EnsureKnownAndDistinct(Func<string, bool> has, IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes)
    {
        EnsureKnown(has, quasiIdentifiers, "quasi-identifier");
        EnsureKnown(has, sensitiveAttributes, "sensitive attribute");
        EnsureNoRepeats(quasiIdentifiers, "quasi-identifier");
        EnsureNoRepeats(sensitiveAttributes, "sensitive attribute");
        var both = quasiIdentifiers.Intersect(sensitiveAttributes, StringComparer.Ordinal).ToArray();
        if (both.Length > 0)
            throw new AnonymizationValidationException(
                $"A column cannot be both a quasi-identifier and a sensitive attribute: {Quote(both)}.", both);
    }

    public static void EnsureKnown(AnonTable table, IEnumerable<string> names, string role) => EnsureKnown(table.HasColumn, names, role);

    public static void EnsureKnown(Func<string, bool> has, IEnumerable<string> names, string role)
    {
        var unknown = names.Where(name => name is null || !has(name)).Select(name => name ?? "(null)").ToArray();
        if (unknown.Length > 0)
            throw new AnonymizationValidationException(
                $"Unknown {Plural(role, unknown.Length)}: {Quote(unknown)} (not a column of the table).", unknown);
    }

    public static void EnsureNoRepeats(IReadOnlyList<string> names, string role)
    {
        var repeated = names.GroupBy(name => name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (repeated.Length > 0)
            throw new AnonymizationValidationException(
                $"Each {role} may be listed once; listed more than once: {Quote(repeated)}.", repeated);
    }

    public static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));

    public static string Plural(string noun, int count) => count == 1 ? noun : noun + "s";
}

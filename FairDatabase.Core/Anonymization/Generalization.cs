namespace FairDatabase.Core.Anonymization;

/// <summary>Share of missing cells in one column.</summary>
public sealed record ColumnMissingShare(string Column, int MissingCount, double Percent);

/// <summary>One distinct value of a column with its number of rows and share in percent (missing = "").</summary>
public sealed record ValueCount(string Value, int Count, double Percent);

/// <summary>A table after mapping one column, with that column's new distribution.</summary>
public sealed record MappingResult(AnonTable Table, string Column, IReadOnlyList<ValueCount> Distribution);

/// <summary>The computations behind the generalization workflow.</summary>
public static class Generalization
{
    /// <summary>Per column, in column order: missing cells (see AnonColumn.IsMissing) and their percentage of the rows.</summary>
    public static IReadOnlyList<ColumnMissingShare> MissingValuePercentages(AnonTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var shares = new ColumnMissingShare[table.Columns.Count];
        for (var c = 0; c < shares.Length; c++)
        {
            var column = table.Columns[c];
            var missing = 0;
            var counts = column.CountByCode();
            for (var code = 0; code < counts.Length; code++)
                if (AnonColumn.IsMissing(column.ValueArray[code])) missing += counts[code];
            shares[c] = new ColumnMissingShare(column.Name, missing, Percent(missing, table.RowCount));
        }
        return shares.AsReadOnly();
    }

    /// <summary>
    /// The distinct values of a column with counts and percentages. Order: missing first, then by
    /// number when the column is numeric (so 9 comes before 10), otherwise ordinal.
    /// </summary>
    public static IReadOnlyList<ValueCount> DistinctValues(AnonTable table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        var source = table.Column(column);
        var counts = source.CountByCode();
        var values = new ValueCount[counts.Length];
        for (var code = 0; code < counts.Length; code++)
            values[code] = new ValueCount(source.ValueArray[code], counts[code], Percent(counts[code], table.RowCount));
        Array.Sort(values, source.IsNumeric ? CompareNumeric : CompareOrdinal);
        return values.AsReadOnly();
    }

    /// <summary>
    /// Replaces values of one column by their mapped value (old → new). Values without an entry
    /// stay; mapping to null or "" makes them missing; keys that are not values of the column are
    /// ignored (a stale form cannot fail the step). Returns the new table and the new distribution.
    /// </summary>
    public static MappingResult ApplyMapping(AnonTable table, string column, IReadOnlyDictionary<string, string?> mapping)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(mapping);
        table.Column(column); // names the column when unknown
        var mapped = table.Remap(new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal) { [column] = mapping });
        return new MappingResult(mapped, column, DistinctValues(mapped, column));
    }

    private static double Percent(int count, int total) => total == 0 ? 0.0 : 100.0 * count / total;

    private static int CompareOrdinal(ValueCount a, ValueCount b) => string.CompareOrdinal(a.Value, b.Value);

    private static int CompareNumeric(ValueCount a, ValueCount b)
    {
        var aMissing = AnonColumn.IsMissing(a.Value);
        var bMissing = AnonColumn.IsMissing(b.Value);
        if (aMissing || bMissing)
            return bMissing.CompareTo(aMissing);
        // The column is numeric, so every non-missing value parses.
        var byNumber = AnonColumn.TryParseNumber(a.Value, out var x) && AnonColumn.TryParseNumber(b.Value, out var y) ? x.CompareTo(y) : 0;
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a.Value, b.Value);
    }
}

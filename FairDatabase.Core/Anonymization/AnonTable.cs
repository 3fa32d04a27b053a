using System.Collections.ObjectModel;

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// An immutable in-memory table of dictionary-encoded columns, the input and output of every
/// anonymization step. Copies share unchanged columns (they are immutable), so filtering or
/// re-mapping costs only the columns that change.
/// </summary>
public sealed class AnonTable
{
    private readonly AnonColumn[] _columns;
    private readonly Dictionary<string, int> _indexByName;

    internal AnonTable(AnonColumn[] columns, int rowCount)
    {
        _columns = columns;
        RowCount = rowCount;
        _indexByName = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (var c = 0; c < columns.Length; c++)
            _indexByName.Add(columns[c].Name, c);
        ColumnNames = Array.AsReadOnly(Array.ConvertAll(columns, column => column.Name));
        Columns = Array.AsReadOnly(columns);
    }

    public int RowCount { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public IReadOnlyList<AnonColumn> Columns { get; }

    /// <summary>Builds a table from a header and rows of strings (null or "" = missing).</summary>
    public static AnonTable FromRows(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new AnonTableBuilder(header, rows.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var row in rows)
            builder.AddRow(row);
        return builder.Build();
    }

    /// <summary>The column of that exact (case-sensitive) name; throws a validation error naming it when absent.</summary>
    public AnonColumn Column(string name) =>
        TryGetColumn(name, out var column)
            ? column
            : throw new AnonymizationValidationException($"Unknown column: '{name}'.", [name]);

    public bool TryGetColumn(string name, out AnonColumn column)
    {
        if (_indexByName.TryGetValue(name, out var index))
        {
            column = _columns[index];
            return true;
        }
        column = null!;
        return false;
    }

    public bool HasColumn(string name) => _indexByName.ContainsKey(name);

    /// <summary>A copy holding the rows whose flag is true, in their original order.</summary>
    public AnonTable KeepRows(ReadOnlySpan<bool> keep)
    {
        if (keep.Length != RowCount)
            throw new ArgumentException($"Expected {RowCount} row flags, got {keep.Length}.", nameof(keep));
        var kept = 0;
        foreach (var flag in keep)
            if (flag) kept++;
        if (kept == RowCount)
            return this;
        var columns = new AnonColumn[_columns.Length];
        for (var c = 0; c < columns.Length; c++)
            columns[c] = ColumnRecoder.Recode(_columns[c], _columns[c].ValueArray, keep, kept);
        return new AnonTable(columns, kept);
    }

    /// <summary>
    /// A copy where, per named column, each old value is replaced by its mapped value (values with
    /// no entry stay; mapping to null or "" makes them missing). Values that map to the same new
    /// value merge into one category.
    /// </summary>
    public AnonTable Remap(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        AnonymizationValidation.EnsureKnown(this, mappings.Keys, "mapped column");
        var columns = (AnonColumn[])_columns.Clone();
        foreach (var (name, mapping) in mappings)
        {
            var index = _indexByName[name];
            var old = _columns[index].ValueArray;
            var translated = new string[old.Length];
            for (var code = 0; code < old.Length; code++)
                translated[code] = mapping.TryGetValue(old[code], out var mapped) ? mapped ?? AnonColumn.Missing : old[code];
            columns[index] = ColumnRecoder.Recode(_columns[index], translated, [], RowCount);
        }
        return new AnonTable(columns, RowCount);
    }

    /// <summary>A copy without the named columns (unknown names are a validation error).</summary>
    public AnonTable WithoutColumns(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        AnonymizationValidation.EnsureKnown(this, drop, "column to drop");
        return new AnonTable([.. _columns.Where(column => !drop.Contains(column.Name))], RowCount);
    }

    /// <summary>A copy where the column of the same name is replaced.</summary>
    internal AnonTable WithColumn(AnonColumn column)
    {
        var columns = (AnonColumn[])_columns.Clone();
        columns[_indexByName[column.Name]] = column;
        return new AnonTable(columns, RowCount);
    }

    /// <summary>The rows as strings, in column order (missing cells as ""); built lazily, one array per row.</summary>
    public IEnumerable<string[]> Rows()
    {
        for (var r = 0; r < RowCount; r++)
        {
            var row = new string[_columns.Length];
            for (var c = 0; c < row.Length; c++)
                row[c] = _columns[c].ValueAt(r);
            yield return row;
        }
    }

    internal static void EnsureUniqueNames(IReadOnlyList<string> header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in header)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(header));
            if (!seen.Add(name))
                throw new ArgumentException($"The header names column '{name}' more than once.", nameof(header));
        }
    }
}

namespace FairDatabase.Core.Anonymization.Workspace.Sources;

/// <summary>One column of a working copy's source: its name as uploaded and, for a stored dataset, where it lives.</summary>
/// <param name="Name">The column's name (the uploaded header).</param>
/// <param name="Table">The dataset chunk table holding it; null for an uploaded CSV.</param>
/// <param name="Physical">Its column name in that table; null for an uploaded CSV.</param>
/// <param name="Copied">A stored dataset's column also kept compactly in the workspace at start (few distinct values), read from there.</param>
public sealed record SourceColumn(string Name, string? Table = null, string? Physical = null, bool Copied = false);

/// <summary>Statistics of one source column, computed once when the working copy starts.</summary>
/// <param name="Missing">Missing cells (see Datasets.MissingValues).</param>
/// <param name="Numeric">Every non-missing cell parses as a number, and there is at least one.</param>
/// <param name="Min">Smallest number among the cells that parse (0 when none does).</param>
/// <param name="Max">Largest number among the cells that parse (0 when none does).</param>
public sealed record ColumnStats(int Missing, bool Numeric, double Min, double Max);

/// <summary>
/// What a working copy reads from: the source's columns in order, its row count and the
/// statistics of every column. Stored with the workspace so later steps never scan the source.
/// </summary>
public sealed record SourceLayout(int RowCount, IReadOnlyList<SourceColumn> Columns, IReadOnlyList<ColumnStats> Stats)
{
    private Dictionary<string, int>? _index;

    public int IndexOf(string column)
    {
        _index ??= Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return _index.TryGetValue(column, out var i) ? i : -1;
    }

    public ColumnStats StatsOf(string column) =>
        IndexOf(column) is var i and >= 0 ? Stats[i] : throw new AnonymizationValidationException($"Unknown column: '{column}'.", [column]);
}

/// <summary>Reads columns of a working copy's source, by name, in source row order.</summary>
public interface IColumnSource
{
    SourceLayout Layout { get; }

    /// <summary>The named columns over every source row.</summary>
    Task<AnonTable> ReadColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct);

    /// <summary>Rows [first, first + count) of the named columns, one array per column (column-major).</summary>
    Task<string[][]> ReadRowsAsync(int first, int count, IReadOnlyList<string> columns, CancellationToken ct);
}

/// <summary>The dataset a working copy reads from was deleted or is no longer shared with the user.</summary>
public sealed class WorkingCopySourceGoneException(string name)
    : AnonymizationValidationException($"The dataset '{name}' this working copy was made from is no longer available (deleted or no longer shared with you); the workflow starts again.")
{
    public string SourceName { get; } = name;
}

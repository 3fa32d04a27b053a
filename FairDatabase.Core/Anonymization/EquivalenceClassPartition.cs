namespace FairDatabase.Core.Anonymization;

/// <summary>
/// The equivalence classes of a table under a set of quasi-identifiers. Classes are numbered
/// 0..ClassCount-1 in order of their first row, so the numbering is deterministic.
/// </summary>
public sealed class EquivalenceClassPartition
{
    private readonly AnonColumn[] _quasiIdentifiers;
    private readonly int[] _classOfRow;
    private readonly int[] _sizes;
    private Grouping? _grouping; // built on first use; one reference, so readers see both arrays or neither

    private sealed record Grouping(int[] RowsByClass, int[] ClassStart);

    internal EquivalenceClassPartition(AnonTable table, AnonColumn[] quasiIdentifiers, int[] classOfRow, int[] sizes, int classCount)
    {
        Table = table;
        _quasiIdentifiers = quasiIdentifiers;
        _classOfRow = classOfRow;
        _sizes = sizes;
        ClassCount = classCount;
        QuasiIdentifiers = Array.AsReadOnly(Array.ConvertAll(quasiIdentifiers, column => column.Name));
    }

    public AnonTable Table { get; }

    public IReadOnlyList<string> QuasiIdentifiers { get; }

    public int ClassCount { get; }

    public int RowCount => _classOfRow.Length;

    /// <summary>The class index of every row.</summary>
    public ReadOnlySpan<int> ClassOfRow => _classOfRow;

    /// <summary>k of every class: its number of rows.</summary>
    public ReadOnlySpan<int> Sizes => _sizes;

    internal int[] ClassOfRowArray => _classOfRow;

    internal int[] SizeArray => _sizes;

    /// <summary>The rows of class <paramref name="classIndex"/>, ascending.</summary>
    public ReadOnlySpan<int> RowsOf(int classIndex)
    {
        var grouping = _grouping ??= Group();
        return grouping.RowsByClass.AsSpan(grouping.ClassStart[classIndex], _sizes[classIndex]);
    }

    /// <summary>The class's quasi-identifier values as "col: value, col: value" (a missing value shows as empty).</summary>
    public string Describe(int classIndex)
    {
        var row = RowsOf(classIndex)[0];
        return string.Join(", ", _quasiIdentifiers.Select(column => $"{column.Name}: {column.ValueAt(row)}"));
    }

    /// <summary>Rows grouped by class (a counting sort: two passes), built on first use.</summary>
    internal (int[] RowsByClass, int[] ClassStart) Grouped()
    {
        var grouping = _grouping ??= Group();
        return (grouping.RowsByClass, grouping.ClassStart);
    }

    private Grouping Group()
    {
        var start = new int[ClassCount + 1];
        for (var c = 0; c < ClassCount; c++)
            start[c + 1] = start[c] + _sizes[c];
        var fill = start[..ClassCount];
        var rows = new int[_classOfRow.Length];
        for (var r = 0; r < rows.Length; r++)
            rows[fill[_classOfRow[r]]++] = r;
        return new Grouping(rows, start);
    }
}

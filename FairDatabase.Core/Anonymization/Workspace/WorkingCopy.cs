using FairDatabase.Core.Anonymization.Perturbation;
using FairDatabase.Core.Anonymization.Workspace.Sources;

namespace FairDatabase.Core.Anonymization.Workspace;

/// <summary>
/// A working copy opened for reading: the recipe replayed on just the columns asked for. Replay
/// order is fixed — generalization mappings, then local-DP perturbations (each cell from its own
/// (secret, column, row) draw, so any column or block of rows replays alone), then the kept-row
/// mask — and the same for whole columns (P29, processing, mapping) and row blocks (download, save).
/// </summary>
public sealed class WorkingCopy
{
    private readonly IColumnSource _source;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _mappings;
    private readonly HashSet<string> _current;

    public WorkingCopy(WorkspaceState state, IColumnSource source, RowMask? keptRows)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(source);
        State = state;
        _source = source;
        KeptRows = keptRows;
        Columns = state.CurrentColumns(source.Layout.Columns.Select(c => c.Name).ToList());
        _current = new HashSet<string>(Columns, StringComparer.Ordinal);
        _mappings = state.Mappings.ToDictionary(m => m.Column, m => m.Mapping, StringComparer.Ordinal);
    }

    public WorkspaceState State { get; }

    public SourceLayout Layout => _source.Layout;

    public RowMask? KeptRows { get; }

    /// <summary>The working copy's columns, in source order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public int RowCount => KeptRows?.Count ?? _source.Layout.RowCount;

    public bool HasColumn(string name) => _current.Contains(name);

    public bool IsMapped(string name) => _mappings.ContainsKey(name);

    /// <summary>The named columns with the recipe applied, over the kept rows (or over every source row when <paramref name="keptOnly"/> is false).</summary>
    public async Task<AnonTable> ReadAsync(IReadOnlyList<string> columns, CancellationToken ct, bool perturb = true, bool keptOnly = true)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.Distinct(StringComparer.Ordinal).ToList();
        var table = await ReadMappedAsync(names, ct);
        if (perturb) table = Perturb(table, names);
        return keptOnly ? KeepRows(table) : table;
    }

    /// <summary>One column over the kept rows without and with local DP, from one read of the source.</summary>
    public async Task<(AnonColumn Before, AnonColumn After)> ReadBeforeAndAfterPerturbationAsync(string column, CancellationToken ct)
    {
        var mapped = await ReadMappedAsync([column], ct);
        return (KeepRows(mapped).Column(column), KeepRows(Perturb(mapped, [column])).Column(column));
    }

    private async Task<AnonTable> ReadMappedAsync(List<string> names, CancellationToken ct)
    {
        AnonymizationValidation.EnsureKnown(HasColumn, names, "column");
        var table = await _source.ReadColumnsAsync(names, ct);
        var mapped = names.Where(_mappings.ContainsKey).ToDictionary(n => n, n => (IReadOnlyDictionary<string, string?>)Nullable(_mappings[n]), StringComparer.Ordinal);
        return mapped.Count > 0 ? table.Remap(mapped) : table;
    }

    private AnonTable Perturb(AnonTable table, List<string> names)
    {
        foreach (var name in names)
            if (PerturbationsOf(name) is { Count: > 0 } perturbations)
            {
                var values = new string[table.RowCount];
                var column = table.Column(name);
                for (var r = 0; r < values.Length; r++) values[r] = column.ValueAt(r);
                foreach (var p in perturbations) p.Apply(values, 0);
                table = table.WithColumn(ColumnRecoder.FromRowValues(name, values));
            }
        return table;
    }

    private AnonTable KeepRows(AnonTable table) => KeptRows is { } mask ? table.KeepRows(mask.ToFlags()) : table;

    /// <summary>Every column of the working copy, kept rows only, a block of source rows at a time (row-major).</summary>
    public async IAsyncEnumerable<string[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var perturbations = Columns.Select(PerturbationsOf).ToArray();
        var maps = Columns.Select(c => _mappings.GetValueOrDefault(c)).ToArray();
        var total = _source.Layout.RowCount;
        var blockRows = RowsPerBlock(Columns.Count);
        for (var first = 0; first < total; first += blockRows)
        {
            var count = Math.Min(blockRows, total - first);
            // Read the whole block first: the connection goes back to the pool before any row is written out.
            var block = await _source.ReadRowsAsync(first, count, Columns, ct);
            for (var c = 0; c < block.Length; c++)
            {
                if (maps[c] is { } map)
                    for (var r = 0; r < count; r++)
                        if (map.TryGetValue(block[c][r], out var to)) block[c][r] = to;
                foreach (var p in perturbations[c]) p.Apply(block[c], first);
            }
            for (var r = 0; r < count; r++)
            {
                if (KeptRows is { } mask && !mask[first + r]) continue;
                var row = new string[block.Length];
                for (var c = 0; c < row.Length; c++) row[c] = block[c][r];
                yield return row;
            }
        }
    }

    /// <summary>Rows per block so a block holds about 250,000 cells (bounded memory at any width).</summary>
    public static int RowsPerBlock(int columns) => Math.Clamp(250_000 / Math.Max(1, columns) / 32 * 32, 32, 8192);

    private List<ColumnPerturbation> PerturbationsOf(string column)
    {
        var list = new List<ColumnPerturbation>();
        foreach (var step in State.Perturbations)
        {
            var secret = Convert.FromBase64String(step.Secret);
            foreach (var c in step.Columns)
                if (c.Name == column)
                    list.Add(c.Numerical
                        ? ColumnPerturbation.Numerical(secret, c.Name, c.Scale)
                        : ColumnPerturbation.Categorical(secret, c.Name, step.KeepProbability, c.Categories));
        }
        return list;
    }

    private static Dictionary<string, string?> Nullable(IReadOnlyDictionary<string, string> mapping) =>
        mapping.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
}

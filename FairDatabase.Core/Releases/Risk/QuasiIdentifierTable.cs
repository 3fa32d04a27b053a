using FairDatabase.Core.Anonymization;

namespace FairDatabase.Core.Releases.Risk;

/// <summary>Column-level helpers for the risk figures: one missing value, and two tables stacked under one dictionary.</summary>
internal static class QuasiIdentifierTable
{
    /// <summary>The quasi-identifier columns only, every missing spelling mapped to the one missing value "".</summary>
    public static AnonTable Normalized(AnonTable table, IReadOnlyList<string> quasiIdentifiers)
    {
        var only = table.WithoutColumns(table.ColumnNames.Where(c => !quasiIdentifiers.Contains(c, StringComparer.Ordinal)).ToList());
        var remaps = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var name in quasiIdentifiers)
        {
            var missing = only.Column(name).Values.Where(v => v.Length > 0 && AnonColumn.IsMissing(v)).ToDictionary(v => v, _ => (string?)AnonColumn.Missing, StringComparer.Ordinal);
            if (missing.Count > 0) remaps[name] = missing;
        }
        return remaps.Count == 0 ? only : only.Remap(remaps);
    }

    /// <summary>The rows of <paramref name="top"/> followed by those of <paramref name="bottom"/>, per column one shared dictionary.</summary>
    public static AnonTable Stack(AnonTable top, AnonTable bottom)
    {
        var rows = top.RowCount + bottom.RowCount;
        var columns = new AnonColumn[top.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var upper = top.Columns[c];
            var lower = bottom.Column(upper.Name);
            var values = new List<string>(upper.Values);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var v = 0; v < values.Count; v++) index[values[v]] = v;
            var translate = new int[lower.Cardinality];
            for (var v = 0; v < translate.Length; v++)
            {
                var value = lower.Values[v];
                if (!index.TryGetValue(value, out var code)) { code = values.Count; values.Add(value); index[value] = code; }
                translate[v] = code;
            }
            var codes = new int[rows];
            upper.Codes.CopyTo(codes);
            var lowerCodes = lower.Codes;
            for (var r = 0; r < lowerCodes.Length; r++) codes[upper.RowCount + r] = translate[lowerCodes[r]];
            columns[c] = new AnonColumn(upper.Name, codes, [.. values]);
        }
        return new AnonTable(columns, rows);
    }
}

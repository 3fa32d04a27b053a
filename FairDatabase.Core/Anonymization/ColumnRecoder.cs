using System.Runtime.InteropServices;

namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Re-encodes a column after its rows were filtered or its values translated, restoring the
/// column invariant (every value present at least once, equal values share one code).
/// </summary>
internal static class ColumnRecoder
{
    /// <param name="source">The column to re-encode.</param>
    /// <param name="translated">The new value for each old code (same length as the old values).</param>
    /// <param name="keep">Row flags, or empty to keep every row.</param>
    /// <param name="keptCount">Number of true flags (the row count when <paramref name="keep"/> is empty).</param>
    public static AnonColumn Recode(AnonColumn source, string[] translated, ReadOnlySpan<bool> keep, int keptCount)
    {
        var oldCodes = source.CodeArray;
        var used = new bool[translated.Length];
        if (keep.IsEmpty)
            Array.Fill(used, true); // the column invariant: every old code occurs
        else
            for (var r = 0; r < oldCodes.Length; r++)
                if (keep[r]) used[oldCodes[r]] = true;

        // New codes follow the old dictionary order, so a filtered column keeps its value order.
        var map = new int[translated.Length];
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var identity = true;
        for (var old = 0; old < translated.Length; old++)
        {
            if (!used[old])
            {
                identity = false;
                continue;
            }
            var value = translated[old];
            if (!lookup.TryGetValue(value, out var code))
            {
                code = values.Count;
                lookup.Add(value, code);
                values.Add(value);
            }
            map[old] = code;
            identity &= code == old && ReferenceEquals(value, source.ValueArray[old]);
        }

        if (identity && keep.IsEmpty)
            return source;
        var codes = new int[keptCount];
        var j = 0;
        for (var r = 0; r < oldCodes.Length; r++)
            if (keep.IsEmpty || keep[r]) codes[j++] = map[oldCodes[r]];
        return new AnonColumn(source.Name, codes, [.. values]);
    }

    /// <summary>Encodes a column from one string per row (null or "" = missing).</summary>
    public static AnonColumn FromRowValues(string name, string?[] rowValues)
    {
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var codes = new int[rowValues.Length];
        for (var r = 0; r < rowValues.Length; r++)
        {
            var value = rowValues[r] ?? AnonColumn.Missing;
            ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, value, out var exists);
            if (!exists)
            {
                code = values.Count;
                values.Add(value);
            }
            codes[r] = code;
        }
        return new AnonColumn(name, codes, [.. values]);
    }

    /// <summary>Wraps new codes over existing values, dropping values no row uses any more (the column invariant).</summary>
    public static AnonColumn Compact(string name, int[] codes, string[] values)
    {
        var used = new bool[values.Length];
        foreach (var code in codes)
            used[code] = true;
        if (Array.TrueForAll(used, flag => flag))
            return new AnonColumn(name, codes, values);
        var map = new int[values.Length];
        var kept = new List<string>();
        for (var old = 0; old < values.Length; old++)
        {
            if (!used[old]) continue;
            map[old] = kept.Count;
            kept.Add(values[old]);
        }
        for (var r = 0; r < codes.Length; r++)
            codes[r] = map[codes[r]];
        return new AnonColumn(name, codes, [.. kept]);
    }
}

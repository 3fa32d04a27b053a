namespace FairDatabase.Core.Anonymization;

/// <summary>
/// Partitions rows into equivalence classes: rows with equal values in every quasi-identifier.
/// The codes of the quasi-identifiers are combined into one mixed-radix 64-bit key per row and
/// mapped to a dense class index in a single pass (a flat array when the key range is small, a
/// dictionary otherwise). When the product of cardinalities would overflow 64 bits, the columns
/// are taken in segments: the dense class index of the first segment becomes the leading digit of
/// the next, which keeps the keys exact (no hash collisions to resolve).
/// </summary>
public static class EquivalenceClasses
{
    // A flat lookup array is used while the key range stays within this many slots per row (and an absolute cap).
    private const long DenseSlotsPerRow = 4;
    private const long DenseMaxSlots = 1L << 26;

    public static EquivalenceClassPartition Partition(AnonTable table, IReadOnlyList<string> quasiIdentifiers)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(quasiIdentifiers);
        if (quasiIdentifiers.Count == 0)
            throw new AnonymizationValidationException("Choose at least one quasi-identifier.");
        AnonymizationValidation.EnsureKnown(table, quasiIdentifiers, "quasi-identifier");
        AnonymizationValidation.EnsureNoRepeats(quasiIdentifiers, "quasi-identifier");

        var columns = quasiIdentifiers.Select(table.Column).ToArray();
        var rows = table.RowCount;
        int[]? ids = null;
        var idRange = 1L;
        var classCount = 0;
        int[] sizes = [];
        var next = 0;
        while (next < columns.Length)
        {
            var take = CountFitting(idRange, columns, next);
            (ids, classCount, sizes) = Densify(ids, idRange, columns[next..(next + take)], rows);
            next += take;
            idRange = Math.Max(classCount, 1);
        }
        return new EquivalenceClassPartition(table, columns, ids ?? [], sizes, classCount);
    }

    // Number of columns from start whose cardinalities, times the leading range, fit in a long (at least one:
    // the leading range is at most the row count and a cardinality at most the row count, both below 2^31).
    private static int CountFitting(long leadingRange, AnonColumn[] columns, int start)
    {
        var range = leadingRange;
        var count = 0;
        for (var i = start; i < columns.Length; i++)
        {
            var radix = Math.Max(columns[i].Cardinality, 1);
            if (range > long.MaxValue / radix)
                break;
            range *= radix;
            count++;
        }
        return Math.Max(count, 1);
    }

    private static (int[] Ids, int ClassCount, int[] Sizes) Densify(int[]? leading, long leadingRange, AnonColumn[] segment, int rows)
    {
        var codes = Array.ConvertAll(segment, column => column.CodeArray);
        var radices = Array.ConvertAll(segment, column => (long)Math.Max(column.Cardinality, 1));
        var range = leadingRange;
        foreach (var radix in radices)
            range *= radix;

        var ids = new int[rows];
        var sizes = new int[Math.Min(rows, range)]; // a class holds at least one row and one key
        var classCount = 0;
        if (range <= Math.Min(DenseMaxSlots, Math.Max(1024, DenseSlotsPerRow * rows)))
        {
            var slot = new int[range];
            Array.Fill(slot, -1);
            for (var r = 0; r < rows; r++)
            {
                var key = Key(leading, codes, radices, r);
                var id = slot[key];
                if (id < 0)
                    id = slot[key] = classCount++;
                ids[r] = id;
                sizes[id]++;
            }
        }
        else
        {
            var lookup = new Dictionary<long, int>();
            for (var r = 0; r < rows; r++)
            {
                var key = Key(leading, codes, radices, r);
                if (!lookup.TryGetValue(key, out var id))
                {
                    id = classCount++;
                    lookup.Add(key, id);
                }
                ids[r] = id;
                sizes[id]++;
            }
        }
        return (ids, classCount, sizes.Length == classCount ? sizes : sizes[..classCount]);
    }

    private static long Key(int[]? leading, int[][] codes, long[] radices, int row)
    {
        long key = leading is null ? 0 : leading[row];
        for (var i = 0; i < codes.Length; i++)
            key = key * radices[i] + codes[i][row];
        return key;
    }
}

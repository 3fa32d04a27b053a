namespace FairDatabase.Core.Anonymization;

/// <summary>
/// k, l and t of every equivalence class, the raw material of the P29 report and of
/// enforcement. Every value of a sensitive attribute, missing included, is a category.
/// </summary>
internal sealed class ClassMetrics
{
    private ClassMetrics(EquivalenceClassPartition partition, SensitiveClassMetrics[] attributes)
    {
        Partition = partition;
        Attributes = attributes;
    }

    public EquivalenceClassPartition Partition { get; }

    public SensitiveClassMetrics[] Attributes { get; }

    public static ClassMetrics Compute(AnonTable table, IReadOnlyList<string> quasiIdentifiers, IReadOnlyList<string> sensitiveAttributes)
    {
        AnonymizationValidation.EnsurePrivacyColumns(table, quasiIdentifiers, sensitiveAttributes);
        var partition = EquivalenceClasses.Partition(table, quasiIdentifiers);
        var attributes = new SensitiveClassMetrics[sensitiveAttributes.Count];
        for (var i = 0; i < attributes.Length; i++)
            attributes[i] = SensitiveClassMetrics.Compute(partition, table.Column(sensitiveAttributes[i]));
        return new ClassMetrics(partition, attributes);
    }
}

/// <summary>l and t of every class for one sensitive attribute.</summary>
internal sealed class SensitiveClassMetrics
{
    private SensitiveClassMetrics(AnonColumn column, double[]? l, double[] t)
    {
        Column = column;
        L = l;
        T = t;
    }

    public AnonColumn Column { get; }

    /// <summary>l per class, or null when l is undefined (the attribute has at most one distinct value).</summary>
    public double[]? L { get; }

    /// <summary>t per class (variational distance to the table's distribution).</summary>
    public double[] T { get; }

    /// <summary>
    /// One pass over the rows grouped by class. Per class, the value counts go into a scratch
    /// array and only the values actually seen are visited and reset, so the cost is O(rows)
    /// whatever the number of distinct values. t is summed in exact integers:
    /// 2·n·N·t = Σ_v |c_v·N − T_v·n|, where the values absent from the class add T_v·n each.
    /// </summary>
    public static SensitiveClassMetrics Compute(EquivalenceClassPartition partition, AnonColumn column)
    {
        var (rowsByClass, classStart) = partition.Grouped();
        var sizes = partition.SizeArray;
        var codes = column.CodeArray;
        var tableCounts = column.CountByCode();
        var distinct = column.Cardinality;
        long tableRows = codes.Length;
        var lDefined = distinct > 1;
        var log2Distinct = Math.Log2(distinct);

        var l = lDefined ? new double[partition.ClassCount] : null;
        var t = new double[partition.ClassCount];
        var scratch = new int[distinct];
        var seen = new int[distinct];
        for (var cls = 0; cls < partition.ClassCount; cls++)
        {
            long n = sizes[cls];
            var seenCount = 0;
            for (var i = classStart[cls]; i < classStart[cls + 1]; i++)
            {
                var code = codes[rowsByClass[i]];
                if (scratch[code]++ == 0)
                    seen[seenCount++] = code;
            }

            var sumCLog2C = 0.0;
            var distance = tableRows * n; // Σ over all values of T_v·n; corrected below for the values present
            for (var i = 0; i < seenCount; i++)
            {
                var v = seen[i];
                long c = scratch[v];
                scratch[v] = 0;
                sumCLog2C += c * Math.Log2(c);
                distance += Math.Abs(c * tableRows - tableCounts[v] * n) - tableCounts[v] * n;
            }
            t[cls] = distance / (2.0 * n * tableRows);
            if (l is not null)
            {
                // H = log2 n − Σ c·log2 c / n; a class with one value has H = 0 exactly.
                var entropy = seenCount == 1 ? 0.0 : Math.Log2(n) - sumCLog2C / n;
                l[cls] = Math.Clamp(entropy / log2Distinct, 0.0, 1.0);
            }
        }
        return new SensitiveClassMetrics(column, l, t);
    }
}

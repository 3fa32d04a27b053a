using System.Numerics;
using System.Runtime.CompilerServices;

namespace FairDatabase.Core.Explore;

/// <summary>
/// A column's distinct numbers with how often each occurs (in no order). A microbiome count
/// column of 10,000 samples holds about a thousand different values, so its median, distinct
/// count and histogram follow from one hashing pass and a selection over those few values,
/// instead of a selection over every number and a hash table sized for all of them.
/// </summary>
internal sealed class ValueCounts
{
    private ValueCounts(double[] values, long[] counts) => (Values, Counts) = (values, counts);

    public double[] Values { get; }

    public long[] Counts { get; }

    /// <summary>The counts, or null as soon as more than <paramref name="maxDistinct"/> values differ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    public static ValueCounts? TryCount(ReadOnlySpan<double> numbers, int maxDistinct)
    {
        // Finite doubles never have this bit pattern (it is a NaN), so it marks an empty slot.
        const ulong empty = ulong.MaxValue;
        var size = 1024;
        var keys = new ulong[size];
        var counts = new long[size];
        keys.AsSpan().Fill(empty);
        var distinct = 0;
        // Zero, most cells of a count table, is counted apart from the table (−0 and 0 are one value).
        var zeros = 0L;
        foreach (var number in numbers)
        {
            if (number == 0)
            {
                zeros++;
                continue;
            }
            var key = BitConverter.DoubleToUInt64Bits(number);
            var slot = Slot(key, size);
            while (keys[slot] != key && keys[slot] != empty) slot = (slot + 1) & (size - 1);
            if (keys[slot] == empty)
            {
                if (++distinct > maxDistinct) return null;
                keys[slot] = key;
                if (distinct * 2 > size)
                {
                    (keys, counts, size) = Grow(keys, counts, size);
                    slot = Slot(key, size);
                    while (keys[slot] != key) slot = (slot + 1) & (size - 1);
                }
            }
            counts[slot]++;
        }
        if (zeros > 0 && ++distinct > maxDistinct) return null;
        var values = new double[distinct];
        var valueCounts = new long[distinct];
        if (zeros > 0) valueCounts[distinct - 1] = zeros;
        for (int s = 0, d = 0; s < size; s++)
        {
            if (keys[s] == empty) continue;
            values[d] = BitConverter.UInt64BitsToDouble(keys[s]);
            valueCounts[d++] = counts[s];
        }
        return new ValueCounts(values, valueCounts);
    }

    /// <summary>
    /// The k-th smallest number (0-based) of those counted: a selection over the distinct values,
    /// each weighing its count, that reorders them (the pairs stay together).
    /// </summary>
    public double Select(long k)
    {
        int left = 0, right = Values.Length - 1;
        while (true)
        {
            var mid = left + ((right - left) / 2);
            var pivot = MedianOfThree(Values[left], Values[mid], Values[right]);
            // Values are distinct: those below the pivot to the front, the pivot next, the rest after.
            int below = left;
            long weightBelow = 0;
            for (var i = left; i <= right; i++)
                if (Values[i] < pivot)
                {
                    weightBelow += Counts[i];
                    Swap(i, below++);
                }
            var at = Array.IndexOf(Values, pivot, below, right - below + 1);
            Swap(at, below);
            if (k < weightBelow) right = below - 1;
            else if (k < weightBelow + Counts[below]) return pivot;
            else
            {
                k -= weightBelow + Counts[below];
                left = below + 1;
            }
        }
    }

    private void Swap(int i, int j)
    {
        (Values[i], Values[j]) = (Values[j], Values[i]);
        (Counts[i], Counts[j]) = (Counts[j], Counts[i]);
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));

    /// <summary>The median (mean of the two middle numbers for an even count) of <paramref name="total"/> numbers.</summary>
    public double Median(long total) =>
        total % 2 == 1 ? Select(total / 2) : (Select((total / 2) - 1) + Select(total / 2)) / 2;

    // Fibonacci hashing spreads the low-entropy bit patterns of small integers.
    private static int Slot(ulong key, int size) => (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - BitOperations.Log2((uint)size)));

    private static (ulong[] Keys, long[] Counts, int Size) Grow(ulong[] keys, long[] counts, int size)
    {
        var bigger = size * 4;
        var newKeys = new ulong[bigger];
        var newCounts = new long[bigger];
        newKeys.AsSpan().Fill(ulong.MaxValue);
        for (var s = 0; s < size; s++)
        {
            if (keys[s] == ulong.MaxValue) continue;
            var slot = Slot(keys[s], bigger);
            while (newKeys[slot] != ulong.MaxValue) slot = (slot + 1) & (bigger - 1);
            newKeys[slot] = keys[s];
            newCounts[slot] = counts[s];
        }
        return (newKeys, newCounts, bigger);
    }
}

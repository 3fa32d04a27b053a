using System.Runtime.CompilerServices;
using System.Globalization;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// Reads a stored cell (UTF-8) as a finite number, exactly as <c>double.TryParse</c> with
/// <see cref="NumberStyles.Float"/> in invariant culture does, but much faster for the common
/// case of counts and short decimals, which wide tables hold millions of.
/// </summary>
public static class NumericCell
{
    // 10^0 … 10^15: each exactly a double.
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    private const int MaxFastDigits = 15;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value)
    {
        if (TryParsePlainDecimal(utf8, out value)) return true;
        return double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// An optional sign, at most 15 digits and at most one decimal point, nothing else. The digits
    /// make an integer below 2^53 and the scale a power of ten up to 10^15, both exact doubles, so
    /// one IEEE division gives the correctly rounded value: the same double the full parser gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    private static bool TryParsePlainDecimal(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && (utf8[0] == '-' || utf8[0] == '+'))
        {
            negative = utf8[0] == '-';
            i = 1;
        }
        long mantissa = 0;
        int digits = 0, point = -1;
        for (; i < utf8.Length; i++)
        {
            var c = utf8[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (++digits > MaxFastDigits) return false;
                mantissa = (mantissa * 10) + digit;
            }
            else if (c == '.' && point < 0)
            {
                point = digits;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0) return false;
        var scale = point < 0 ? 0 : digits - point;
        value = scale == 0 ? mantissa : mantissa / PowersOfTen[scale];
        if (negative) value = -value;
        return true;
    }
}

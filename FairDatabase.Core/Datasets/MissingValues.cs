using System.Runtime.CompilerServices;
namespace FairDatabase.Core.Datasets;

/// <summary>
/// What counts as a missing value in every statistic and privacy computation: an empty cell,
/// <c>NA</c>, <c>N/A</c>, <c>NaN</c> or <c>null</c> in any case (the tokens R, pandas and Excel
/// exports write). The stored text stays exactly as uploaded; only its meaning is decided here.
/// </summary>
public static class MissingValues
{
    public static bool IsMissing(string? value) => value is null || IsMissing(value.AsSpan());

    public static bool IsMissing(ReadOnlySpan<char> value) => value.Length switch
    {
        0 => true,
        2 => value.Equals("NA", StringComparison.OrdinalIgnoreCase),
        3 => value.Equals("N/A", StringComparison.OrdinalIgnoreCase) || value.Equals("NaN", StringComparison.OrdinalIgnoreCase),
        4 => value.Equals("null", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The same test on UTF-8 bytes (a COPY stream), without decoding the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per cell: compiled optimized at first use (docs/architecture.md, "Explore")
    public static bool IsMissing(ReadOnlySpan<byte> utf8) => utf8.Length switch
    {
        0 => true,
        2 => (utf8[0] | 0x20) == 'n' && (utf8[1] | 0x20) == 'a',
        3 => ((utf8[0] | 0x20) == 'n' && utf8[1] == '/' && (utf8[2] | 0x20) == 'a')
             || ((utf8[0] | 0x20) == 'n' && (utf8[1] | 0x20) == 'a' && (utf8[2] | 0x20) == 'n'),
        4 => (utf8[0] | 0x20) == 'n' && (utf8[1] | 0x20) == 'u' && (utf8[2] | 0x20) == 'l' && (utf8[3] | 0x20) == 'l',
        _ => false,
    };
}

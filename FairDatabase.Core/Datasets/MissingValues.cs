using System.Text;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The one definition of a missing cell: empty, <c>NA</c>, <c>N/A</c>, <c>NaN</c> or <c>null</c> in
/// any case (surrounding blanks ignored). Every statistic and privacy computation uses it; the
/// stored text stays exactly as uploaded.
/// </summary>
public static class MissingValues
{
    public static bool IsMissing(ReadOnlySpan<char> value)
    {
        var v = value.Trim();
        return v.Length == 0
            || v.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || v.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || v.Equals("NaN", StringComparison.OrdinalIgnoreCase)
            || v.Equals("null", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The same for UTF-8 bytes (the tokens are ASCII, so no decoding is needed).</summary>
    public static bool IsMissing(ReadOnlySpan<byte> utf8)
    {
        var v = utf8.Trim(" \t\r\n"u8);
        return v.Length == 0
            || Ascii.EqualsIgnoreCase(v, "NA"u8)
            || Ascii.EqualsIgnoreCase(v, "N/A"u8)
            || Ascii.EqualsIgnoreCase(v, "NaN"u8)
            || Ascii.EqualsIgnoreCase(v, "null"u8);
    }
}

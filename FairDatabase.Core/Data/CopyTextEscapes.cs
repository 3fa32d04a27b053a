namespace FairDatabase.Core.Data;

/// <summary>
/// The backslash escapes of PostgreSQL's text COPY format: <c>\b \f \n \r \t \v</c> for control
/// characters, up to three octal digits for a byte, and a backslash before any other byte (the
/// backslash itself, the delimiter) standing for that byte.
/// </summary>
internal static class CopyTextEscapes
{
    /// <summary>Writes the field's bytes without escapes into <paramref name="target"/> (at least as long); returns how many.</summary>
    public static int Unescape(ReadOnlySpan<byte> raw, Span<byte> target)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b != (byte)'\\' || i + 1 == raw.Length)
            {
                target[length++] = b;
                continue;
            }
            var next = raw[++i];
            target[length++] = next switch
            {
                (byte)'b' => 0x08,
                (byte)'f' => 0x0C,
                (byte)'n' => 0x0A,
                (byte)'r' => 0x0D,
                (byte)'t' => 0x09,
                (byte)'v' => 0x0B,
                >= (byte)'0' and <= (byte)'7' => Octal(raw, ref i),
                _ => next,
            };
        }
        return length;
    }

    // Up to three octal digits from raw[i]; i is left on the last one.
    private static byte Octal(ReadOnlySpan<byte> raw, ref int i)
    {
        var value = raw[i] - '0';
        for (var digits = 1; digits < 3 && i + 1 < raw.Length && raw[i + 1] is >= (byte)'0' and <= (byte)'7'; digits++)
            value = (value * 8) + (raw[++i] - '0');
        return (byte)value;
    }
}

using System.Text;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>The upload form's <c>encoding</c> field: how the bytes of a text file are read.</summary>
public enum TextEncodingChoice
{
    /// <summary>UTF-8, or UTF-16 with a byte order mark; a file that is not valid UTF-8 is read as Windows-1252.</summary>
    Auto,
    Utf8,
    Windows1252,
    Iso88591,
}

public static class TextEncodings
{
    /// <summary>Windows-1252, what Excel's "CSV (comma delimited)" writes on Windows.</summary>
    public static Encoding Windows1252 { get; } = CodePage(1252);

    // Code pages other than UTF-8/UTF-16/Latin-1 come from a provider that must be registered first.
    private static Encoding CodePage(int number)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(number);
    }

    /// <summary>The form value (<c>auto</c>, <c>utf-8</c>, <c>windows-1252</c>, <c>iso-8859-1</c>, any case); null for an unknown one.</summary>
    public static TextEncodingChoice? Parse(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "auto" => TextEncodingChoice.Auto,
        "utf-8" or "utf8" => TextEncodingChoice.Utf8,
        "windows-1252" or "cp1252" => TextEncodingChoice.Windows1252,
        "iso-8859-1" or "latin1" or "latin-1" => TextEncodingChoice.Iso88591,
        _ => null,
    };

    public static string Name(TextEncodingChoice choice) => choice switch
    {
        TextEncodingChoice.Windows1252 => "windows-1252",
        TextEncodingChoice.Iso88591 => "iso-8859-1",
        _ => "utf-8",
    };

    /// <summary>The decoder for the reader; null reads UTF-8 (honouring a UTF-16 byte order mark).</summary>
    internal static Encoding? ForReader(TextEncodingChoice choice) => choice switch
    {
        TextEncodingChoice.Windows1252 => Windows1252,
        TextEncodingChoice.Iso88591 => Encoding.Latin1,
        _ => null,
    };

    /// <summary>
    /// Whether decoded UTF-8 holds one of the five bytes Windows-1252 leaves undefined (0x81,
    /// 0x8D, 0x8F, 0x90, 0x9D), which .NET passes through as C1 control characters.
    /// </summary>
    internal static bool HasUndefinedWindows1252(ReadOnlySpan<byte> utf8)
    {
        for (var i = utf8.IndexOf((byte)0xC2); i >= 0 && i + 1 < utf8.Length; i = NextC2(utf8, i + 1))
        {
            if (utf8[i + 1] is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D) return true;
        }
        return false;
    }

    private static int NextC2(ReadOnlySpan<byte> utf8, int from)
    {
        var j = utf8[from..].IndexOf((byte)0xC2);
        return j < 0 ? -1 : from + j;
    }
}

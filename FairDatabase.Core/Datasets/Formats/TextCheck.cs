using System.Text;

namespace FairDatabase.Core.Datasets.Formats;

/// <summary>How the checking pass reads a delimited file.</summary>
/// <param name="MaxColumns">Most columns allowed, the id column included.</param>
/// <param name="Separator">The separator when the file kind fixes it (tab for .tsv); null to detect it.</param>
/// <param name="Choice">The form's <c>encoding</c> field.</param>
/// <param name="ReaderEncoding">The decoder to use; null reads UTF-8 (or UTF-16 with a byte order mark).</param>
internal sealed record TextCheck(int MaxColumns, char? Separator, TextEncodingChoice Choice, Encoding? ReaderEncoding)
{
    public static TextCheck For(int maxColumns, char? separator, TextEncodingChoice choice) =>
        new(maxColumns, separator, choice, TextEncodings.ForReader(choice));

    /// <summary>The same check reading the bytes as Windows-1252 (a file that turned out not to be UTF-8).</summary>
    public TextCheck AsWindows1252() => this with { ReaderEncoding = TextEncodings.Windows1252 };
}

using System.Text;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.Formats.FormatImport;

namespace FairDatabase.Tests.Datasets.Formats;

/// <summary>Encodings (detected and forced) and lenient quoting, against the real database.</summary>
[Collection(AppCollection.Name)]
public sealed class EncodingAndQuotingTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    /// <summary>Text parts as UTF-8 (ASCII here), numbers as single bytes.</summary>
    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : [(byte)(int)p]).ToArray();

    private static readonly byte[] Windows1252Csv = Bytes("id,city,price\nS1,K", 0xF6, "ln,5 ", 0x80, "\nS2,S", 0xE3, "o Paulo,caf", 0xE9, "\n");

    [Fact]
    public async Task A_file_that_is_not_utf8_is_read_as_windows_1252_and_says_so()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(Windows1252Csv, "excel.csv", user);
        var format = await StoredFormatAsync(result.DatasetId);

        Assert.Equal([["S1", "Köln", "5 €"], ["S2", "São Paulo", "café"]], await RowsAsync(result, "S1", "S2"));
        Assert.Equal(("windows-1252", true), (format?.Encoding, format?.EncodingFallback));
        Assert.Contains("Windows-1252", format?.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16_with_a_byte_order_mark_and_utf8_with_one_are_read()
    {
        var user = await TestDatabase.CreateUserAsync();
        const string text = "id\tname\nS1\tµ-Zürich\n";
        var utf16 = await ImportAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], "u16.tsv", user);
        var utf8 = await ImportAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], "u8.tsv", user);

        Assert.Equal([["S1", "µ-Zürich"]], await RowsAsync(utf16, "S1"));
        Assert.Equal("utf-16", (await StoredFormatAsync(utf16.DatasetId))?.Encoding);
        Assert.Equal([["S1", "µ-Zürich"]], await RowsAsync(utf8, "S1"));
        Assert.Equal(["id", "name"], await OriginalHeaderAsync(utf8.DatasetId));
    }

    [Fact]
    public async Task A_forced_encoding_is_used_even_for_bytes_that_would_be_read_otherwise()
    {
        var user = await TestDatabase.CreateUserAsync();
        var latin1 = await ImportAsync(Windows1252Csv, "latin.csv", user, encoding: "iso-8859-1");
        var cp1252 = await ImportAsync(Windows1252Csv, "cp.csv", user, encoding: "windows-1252");

        // 0x80 is a C1 control character in ISO-8859-1 and the euro sign in Windows-1252.
        Assert.Equal([["S1", "Köln", "5 \u0080"], ["S2", "São Paulo", "café"]], await RowsAsync(latin1, "S1", "S2"));
        Assert.Equal("5 €", (await RowsAsync(cp1252, "S1"))[0][2]);
        Assert.Equal(("iso-8859-1", false), ((await StoredFormatAsync(latin1.DatasetId))?.Encoding, (await StoredFormatAsync(latin1.DatasetId))?.EncodingFallback));
    }

    public static TheoryData<string, byte[], string, string, long[]> Undecodable() => new()
    {
        { "forced utf-8", Windows1252Csv, "utf-8", "not valid utf-8 text, the encoding chosen on the form (lines 2, 3)", [2, 3] },
        { "forced windows-1252", Bytes("id,a\nS1,ok\nS2,x", 0x81, "y\n"), "windows-1252", "not valid windows-1252 text, the encoding chosen on the form (line 3)", [3] },
        { "forced utf-8 header", Bytes("id,caf", 0xE9, "\nS1,1\n"), "utf-8", "(line 1)", [1] },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task An_undecodable_byte_under_a_forced_encoding_is_refused_with_its_line(string _, byte[] content, string encoding, string message, long[] lines)
    {
        var user = await TestDatabase.CreateUserAsync();
        var e = await Assert.ThrowsAsync<UploadValidationException>(() => ImportAsync(content, "forced.csv", user, encoding: encoding));

        Assert.Equal(UploadProblem.Undecodable, e.Problem);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("Choose \"auto\"", e.Message, StringComparison.Ordinal);
        Assert.Equal(lines, e.Lines);
        Assert.Equal((0L, 0L, 0L), await ImportHelpers.LeftoversAsync(user, "forced_"));
    }

    [Fact]
    public async Task Stray_quotes_are_read_as_r_and_pandas_read_them()
    {
        var user = await TestDatabase.CreateUserAsync();
        var csv = "id,height,note,after\nS1,5'11\",ab\"c d\"e,\"ab\"c\nS2, \"x\",\"\",\"\"\"q\"\"\"\n";
        var result = await ImportAsync(Encoding.UTF8.GetBytes(csv), "quotes.csv", user);

        Assert.Equal([["S1", "5'11\"", "ab\"c d\"e", "abc"], ["S2", " \"x\"", "", "\"q\""]], await RowsAsync(result, "S1", "S2"));
    }
}

using System.Text;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Tests.Datasets;

public sealed class ColumnNamesTests
{
    [Theory]
    [InlineData("Sample ID", "sample_id")]
    [InlineData("  Age (years) ", "age__years_")]
    [InlineData("16S-rRNA", "col_16s_rrna")]
    [InlineData("Ünïcødé 数据", "_n_c_d____")]
    [InlineData("x'); DROP TABLE users;--", "x____drop_table_users___")]
    [InlineData("a\"b;c", "a_b_c")]
    public void Names_are_lower_case_ascii_identifiers(string original, string expected) =>
        Assert.Equal(expected, ColumnNames.Sanitize(["id", original])[1]);

    [Fact]
    public void Empty_names_become_column_n_by_position() =>
        Assert.Equal(["id", "column_2", "column_3"], ColumnNames.Sanitize(["id", "", "   "]));

    [Fact]
    public void Long_names_are_cut_to_63_bytes_and_stay_unique()
    {
        var longName = new string('a', 100);
        var names = ColumnNames.Sanitize(["id", longName, longName, longName + "b"]);

        Assert.All(names, n => Assert.True(Encoding.UTF8.GetByteCount(n) <= 63, n));
        Assert.Equal(new string('a', 63), names[1]);
        Assert.Equal(new string('a', 61) + "_2", names[2]);
        Assert.Equal(new string('a', 61) + "_3", names[3]);
    }

    [Fact]
    public void Names_that_collide_after_sanitizing_or_with_reserved_columns_get_suffixes()
    {
        var names = ColumnNames.Sanitize(["RowID", "a b", "a-b", "A_B", "user_id", "a_b_2"]);

        Assert.Equal(["rowid_2", "a_b", "a_b_2", "a_b_3", "user_id_2", "a_b_2_2"], names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Twenty_thousand_equal_names_get_suffixes_2_to_20000_in_order()
    {
        var names = ColumnNames.Sanitize(Enumerable.Repeat("Bacteroides", 20_000).ToArray());

        Assert.Equal(Enumerable.Range(1, 20_000).Select(i => i == 1 ? "bacteroides" : $"bacteroides_{i}"), names);
    }

    [Fact]
    public void De_duplication_gives_the_same_names_as_trying_every_suffix_from_2()
    {
        var random = new Random(20261123);
        string[] stems = ["a", "a_2", "a_3", "rowid", "user_id", "B", new string('x', 62), new string('x', 61) + "_2", "x x", ""];
        for (var round = 0; round < 200; round++)
        {
            var header = Enumerable.Range(0, random.Next(1, 60)).Select(_ => stems[random.Next(stems.Length)]).ToArray();
            Assert.Equal(TryEverySuffix(header), ColumnNames.Sanitize(header));
        }
    }

    /// <summary>The plain definition: the first of name, name_2, name_3… not yet taken.</summary>
    private static List<string> TryEverySuffix(string[] header)
    {
        var used = new HashSet<string>(ColumnNames.Reserved, StringComparer.Ordinal);
        var result = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = ColumnNames.Clean(header[i], "col_", $"column_{i + 1}");
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
                candidate = (name.Length + $"_{n}".Length > ColumnNames.MaxIdentifierBytes ? name[..(ColumnNames.MaxIdentifierBytes - $"_{n}".Length)] : name) + $"_{n}";
            result.Add(candidate);
        }
        return result;
    }
}

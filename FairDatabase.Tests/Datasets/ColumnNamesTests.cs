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
}

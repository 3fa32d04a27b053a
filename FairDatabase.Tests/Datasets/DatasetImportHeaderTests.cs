using Dapper;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.ImportHelpers;

namespace FairDatabase.Tests.Datasets;

[Collection(AppCollection.Name)]
public sealed class DatasetImportHeaderTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    [Fact]
    public async Task Hostile_and_awkward_headers_import_and_harm_nothing()
    {
        string[] header =
        [
            "rowid", "x'); DROP TABLE _realtime.metadata_tables;--", "a\"b", "semi;colon", "Ünïcødé 数据", new string('L', 100),
            "a b", "a-b", "", "1st visit", "user_id", "\"quoted\"",
        ];
        var values = header.Select((_, i) => i == 0 ? "sample-1" : $"v{i}").ToArray();
        var user = await TestDatabase.CreateUserAsync();

        var result = await ImportAsync(Csv([header, values]), "x'); DROP TABLE t;--.csv", user);

        var columns = await ColumnsOfAsync(result.Tables[0]);
        Assert.Equal(
            ["rowid", "user_id", "rowid_2", "x____drop_table__realtime_metadata_tables___", "a_b", "semi_colon", "_n_c_d____",
             new string('l', 63), "a_b_2", "a_b_3", "column_9", "col_1st_visit", "user_id_2", "_quoted_"],
            columns);
        Assert.Equal(values[1..], (await ReadTableAsync(result.Tables[0])).Single()[1..]);
        Assert.Equal("x'); DROP TABLE t;--", result.DisplayName);
        Assert.StartsWith("x____drop_table_t____", result.Tables[0], StringComparison.Ordinal);
        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.True(await admin.ExecuteScalarAsync<bool>("SELECT to_regclass('_realtime.metadata_tables') IS NOT NULL"));
        var originals = await admin.QueryAsync<string>("SELECT original_name FROM fairdb.dataset_columns WHERE dataset_id = @id ORDER BY ordinal", new { id = result.DatasetId });
        Assert.Equal(header, originals);
    }

    [Fact]
    public async Task A_file_name_starting_with_a_digit_gives_a_valid_table_name()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync("id,v\n1,2\n", "2024 cohort.csv", user);

        Assert.StartsWith("t_2024_cohort_", result.Tables[0], StringComparison.Ordinal);
        Assert.Equal("2024 cohort", result.DisplayName);
        Assert.Single(await ReadTableAsync(result.Tables[0]));
    }
}

using System.Security.Cryptography;
using System.Text;
using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.ImportHelpers;

namespace FairDatabase.Tests.Datasets;

[Collection(AppCollection.Name)]
public sealed class DatasetImportRoundTripTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;
    private const string HmacKey = "a-test-secret-that-is-long-enough-for-hmac";

    private static readonly string[][] Source =
    [
        ["Sample ID", "note", "count", "site"],
        ["P-001", "plain", "12", "stool"],
        ["P-002", "with, comma", "0", "oral \"inner\" quotes"],
        ["P-003", "two\nlines", "", "ünïcødé 🧬 数据"],
        ["P-001", "duplicate id is fine", "7", "  padded  "],
        ["P-004", "semi;colon\ttab", "-1", "crlf\r\ninside"],
        ["P-005", "\\.", "\\N", "before\n\\.\nafter"], // COPY's end-of-data marker and NULL mark are data here
        ["P-006", "", "NULL", ""],
    ];

    private static string Sha256Hex(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string HmacHex(string id) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacKey), Encoding.UTF8.GetBytes(id)));

    [Fact]
    public async Task Every_cell_reads_back_as_uploaded_and_ids_are_sha256_hex()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(Csv(Source), "Round Trip.csv", user);

        Assert.Equal("Round Trip", result.DisplayName);
        Assert.Equal(7, result.Rows);
        Assert.Equal(4, result.Columns);
        Assert.Equal("sample_id", result.IdColumn);
        var table = Assert.Single(result.Tables);
        Assert.Equal(["rowid", "user_id", "sample_id", "note", "count", "site"], await ColumnsOfAsync(table));
        var stored = await ReadTableAsync(table);
        Assert.Equal(Source.Length - 1, stored.Count);
        for (var r = 1; r < Source.Length; r++)
        {
            Assert.Equal(Sha256Hex(Source[r][0]), stored[r - 1][0]);
            Assert.Equal(Source[r][1..], stored[r - 1][1..]);
        }
    }

    [Fact]
    public async Task With_a_hash_key_ids_are_hmac_sha256_and_the_details_say_so()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(Csv(Source), "hmac.csv", user, new UploadOptions { IdHashKey = HmacKey });

        var stored = await ReadTableAsync(result.Tables[0]);
        Assert.Equal(Source.Skip(1).Select(r => HmacHex(r[0])), stored.Select(r => r[0]));
        Assert.NotEqual(Sha256Hex("P-001"), stored[0][0]);
        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.Equal("hmac-sha256", await admin.ExecuteScalarAsync<string>("SELECT id_hash FROM fairdb.datasets WHERE id = @id", new { id = result.DatasetId }));
    }

    [Fact]
    public async Task Every_row_carries_the_uploader_rls_is_on_and_only_the_uploader_sees_the_rows()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var other = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(Csv(Source), "owned.csv", owner);
        var qualified = SqlIdentifier.Qualified("_realtime", result.Tables[0]);

        await using var admin = await TestDatabase.OpenAdminAsync();
        var owners = (await admin.QueryAsync<Guid>($"SELECT DISTINCT user_id FROM {qualified}")).ToList();
        var rls = await admin.ExecuteScalarAsync<bool>("SELECT relrowsecurity FROM pg_class WHERE oid = @t::regclass", new { t = $"_realtime.{result.Tables[0]}" });
        var seenByOwner = await Clients.User(owner).RunAsync(s => s.ExecuteScalarAsync<long>($"SELECT count(*) FROM {qualified}"), CancellationToken.None);
        var seenByOther = await Clients.User(other).RunAsync(s => s.ExecuteScalarAsync<long>($"SELECT count(*) FROM {qualified}"), CancellationToken.None);
        var detailsSeenByOther = await Clients.User(other).RunAsync(s => s.ExecuteScalarAsync<long>("SELECT count(*) FROM fairdb.datasets"), CancellationToken.None);
        var detailsSeenByOwner = await Clients.User(owner).RunAsync(s => s.ExecuteScalarAsync<long>("SELECT count(*) FROM fairdb.datasets"), CancellationToken.None);

        Assert.Equal([owner], owners);
        Assert.True(rls);
        Assert.Equal(7, seenByOwner);
        Assert.Equal(0, seenByOther);
        Assert.Equal(0, detailsSeenByOther);
        Assert.Equal(1, detailsSeenByOwner);
    }

    [Fact]
    public async Task Metadata_and_details_record_the_dataset()
    {
        var user = await TestDatabase.CreateUserAsync();
        var result = await ImportAsync(Csv(Source), @"C:\Users\me\Study 7.csv", user);

        await using var admin = await TestDatabase.OpenAdminAsync();
        var meta = (await admin.QueryAsync<(string Table, string Main, string Description, string Origin)>(
            "SELECT table_name, main_table, description, origin FROM _realtime.metadata_tables WHERE user_id = @user", new { user })).ToList();
        var details = await admin.QuerySingleAsync<(string Display, string File, long Rows, int Columns, string[] Header)>(
            "SELECT display_name, file_name, row_count, column_count, original_header FROM fairdb.datasets WHERE id = @id AND user_id = @user",
            new { id = result.DatasetId, user });
        var mapping = (await admin.QueryAsync<(string Original, string Column)>(
            "SELECT original_name, column_name FROM fairdb.dataset_columns WHERE dataset_id = @id ORDER BY ordinal", new { id = result.DatasetId })).ToList();

        Assert.Equal([(result.Tables[0], "Study 7", "a description", "an origin")], meta);
        Assert.Equal(("Study 7", "Study 7.csv", 7L, 4), (details.Display, details.File, details.Rows, details.Columns));
        Assert.Equal(Source[0], details.Header);
        Assert.Equal([("Sample ID", "sample_id"), ("note", "note"), ("count", "count"), ("site", "site")], mapping);
    }

    [Fact]
    public async Task Two_users_uploading_the_same_file_name_get_two_datasets_in_different_tables()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var first = await ImportAsync(Csv(Source), "same.csv", a);
        var second = await ImportAsync(Csv(Source), "same.csv", b);
        var againByA = await ImportAsync(Csv(Source), "same.csv", a);

        Assert.Equal("same", first.DisplayName);
        Assert.Equal("same", second.DisplayName);
        Assert.Equal(3, new[] { first.Tables[0], second.Tables[0], againByA.Tables[0] }.Distinct().Count());
        Assert.Equal(3, new[] { first.DatasetId, second.DatasetId, againByA.DatasetId }.Distinct().Count());
        Assert.All((await ReadTableAsync(second.Tables[0])).Zip(await ReadTableAsync(first.Tables[0])), p => Assert.Equal(p.First, p.Second));
    }

    [Fact]
    public async Task Columns_beyond_1200_go_to_further_tables_each_with_the_id()
    {
        const int columns = 2500;
        var header = Enumerable.Range(0, columns).Select(i => i == 0 ? "id" : $"taxon {i}").ToArray();
        var rows = Enumerable.Range(1, 3).Select(r => Enumerable.Range(0, columns).Select(c => c == 0 ? $"S{r}" : $"{(r * c) % 1000}").ToArray()).ToArray();
        var user = await TestDatabase.CreateUserAsync();

        var result = await ImportAsync(Csv(rows.Prepend(header)), "wide.csv", user);

        Assert.Equal(3, result.Tables.Count);
        Assert.All(result.Tables.Select((t, i) => (t, i)), x => Assert.EndsWith($"_p{x.i}", x.t, StringComparison.Ordinal));
        var tableColumns = new List<List<string>>();
        foreach (var t in result.Tables) tableColumns.Add(await ColumnsOfAsync(t));
        Assert.Equal([1203, 1203, 102], tableColumns.Select(c => c.Count));
        Assert.All(tableColumns, c => Assert.Equal("id", c[2]));
        Assert.Equal("taxon_1201", tableColumns[1][3]);
        var last = await ReadTableAsync(result.Tables[2]);
        Assert.Equal(rows.Select(r => r[2401..]), last.Select(r => r[1..]));
        Assert.Equal(rows.Select(r => Sha256Hex(r[0])), last.Select(r => r[0]));
        await using var admin = await TestDatabase.OpenAdminAsync();
        Assert.Equal(3, await admin.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_class WHERE relrowsecurity AND oid = ANY (SELECT ('_realtime.' || quote_ident(t))::regclass FROM unnest(@tables) AS t)",
            new { tables = result.Tables.ToArray() }));
        Assert.Equal(3, await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM _realtime.metadata_tables WHERE user_id = @user AND main_table = 'wide'", new { user }));
        Assert.Equal(columns, await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM fairdb.dataset_columns WHERE dataset_id = @id", new { id = result.DatasetId }));
    }

    [Fact]
    public async Task Long_values_get_narrower_tables_so_that_every_row_fits_a_page()
    {
        const int columns = 1301;
        var header = Enumerable.Range(0, columns).Select(i => i == 0 ? "id" : $"c{i}").ToArray();
        var rows = Enumerable.Range(1, 2).Select(r => Enumerable.Range(0, columns).Select(c => c == 0 ? $"S{r}" : $"0.{r:D4}{c:D15}").ToArray()).ToArray();
        var user = await TestDatabase.CreateUserAsync();

        var result = await ImportAsync(Csv(rows.Prepend(header)), "long values.csv", user);

        Assert.True(result.Tables.Count > 2, $"{result.Tables.Count} tables");
        var stored = new List<List<string[]>>();
        foreach (var t in result.Tables) stored.Add(await ReadTableAsync(t));
        for (var r = 0; r < rows.Length; r++)
            Assert.Equal(rows[r][1..], stored.SelectMany(table => table[r][1..]));
    }

    [Theory]
    [InlineData(';', "\n", false)]
    [InlineData('\t', "\r\n", false)]
    [InlineData(',', "\r\n", true)]
    [InlineData(';', "\n", true)]
    public async Task Separator_line_ends_and_a_utf8_bom_are_detected(char separator, string newline, bool bom)
    {
        string[][] source = [["sample_id", "a,b", "c"], ["S1", "1,5", "x"], ["S2", "2,5", "ä"]];
        var text = Csv(source, separator, newline);
        var bytes = (bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var user = await TestDatabase.CreateUserAsync();

        var result = await ImportAsync(bytes, "sep.csv", user);

        Assert.Equal(["rowid", "user_id", "sample_id", "a_b", "c"], await ColumnsOfAsync(result.Tables[0]));
        Assert.Equal([["1,5", "x"], ["2,5", "ä"]], (await ReadTableAsync(result.Tables[0])).Select(r => r[1..]));
    }
}

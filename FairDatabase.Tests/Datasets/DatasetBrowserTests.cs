using System.IO.Compression;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace FairDatabase.Tests.Datasets;

[Collection(AppCollection.Name)]
public sealed class DatasetBrowserTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static (DatasetBrowser Browser, UserTableCatalog Catalog, TableExporter Exporter) For(Guid user)
    {
        var client = Clients.User(user);
        var catalog = new UserTableCatalog(client, new MemoryCache(new MemoryCacheOptions()));
        return (new DatasetBrowser(client, catalog), catalog, new TableExporter(client));
    }

    [Fact]
    public async Task Another_user_learns_nothing_of_a_table_through_list_search_preview_or_update()
    {
        var a = await TestDatabase.CreateUserAsync();
        var b = await TestDatabase.CreateUserAsync();
        var table = await TestTables.CreateAsync(a, ["bacteroides_count"], ["h1", "12"]);
        var (browserB, _, _) = For(b);

        Assert.DoesNotContain(table, await browserB.ListTablesAsync(CancellationToken.None));
        Assert.Empty(await browserB.SearchByColumnAsync("bacteroides", CancellationToken.None));
        Assert.Null(await browserB.PreviewAsync(table, CancellationToken.None));
        Assert.Equal(0, await browserB.UpdateCellAsync(1, "bacteroides_count", "0", CancellationToken.None));

        var (browserA, _, _) = For(a);
        var preview = await browserA.PreviewAsync(table, CancellationToken.None);
        Assert.NotNull(preview);
        Assert.Equal("12", preview.Rows.Single()[preview.Columns.ToList().IndexOf("bacteroides_count")]);
    }

    [Fact]
    public async Task Preview_shows_at_most_15_rows_and_8_columns_with_the_full_counts()
    {
        var a = await TestDatabase.CreateUserAsync();
        var columns = Enumerable.Range(1, 12).Select(i => $"taxon_{i}").ToArray();
        var rows = Enumerable.Range(1, 20).Select(r => new[] { $"s{r}" }.Concat(columns.Select(c => $"{c}-{r}")).ToArray()).ToArray();
        var table = await TestTables.CreateAsync(a, columns, rows);

        var preview = await For(a).Browser.PreviewAsync(table, CancellationToken.None);

        Assert.NotNull(preview);
        Assert.Equal(15, preview.Rows.Count);
        Assert.Equal(8, preview.Columns.Count);
        Assert.Equal(20, preview.RowCount);
        Assert.Equal(13, preview.ColumnCount);
        Assert.DoesNotContain("user_id", preview.Columns);
        // In row order, not the text order of the row numbers ("1", "10", "11", ...).
        Assert.Equal("rowid", preview.Columns[0]);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), preview.Rows.Select(r => r[0]));
        Assert.Equal("taxon_1-1", preview.Rows[0][2]);
    }

    [Fact]
    public async Task Search_matches_a_column_name_part_case_insensitively_and_literally()
    {
        var a = await TestDatabase.CreateUserAsync();
        var t1 = await TestTables.CreateAsync(a, ["Firmicutes_Total"], ["h1", "1"]);
        var t2 = await TestTables.CreateAsync(a, ["firmicutesxtotal"], ["h1", "1"]);
        var found = await For(a).Browser.SearchByColumnAsync("MICUTES_t", CancellationToken.None);
        Assert.Contains(t1, found);
        Assert.DoesNotContain(t2, found);
    }

    [Fact]
    public async Task Update_changes_the_owners_cell_and_refuses_system_and_id_columns()
    {
        var a = await TestDatabase.CreateUserAsync();
        var table = await TestTables.CreateAsync(a, ["site"], ["h1", "gut"]);
        var (browser, catalog, _) = For(a);

        Assert.Equal(1, await browser.UpdateCellAsync(1, "site", "skin", CancellationToken.None));
        catalog.Invalidate(a);
        var preview = await browser.PreviewAsync(table, CancellationToken.None);
        Assert.Equal("skin", preview!.Rows[0][preview.Columns.ToList().IndexOf("site")]);
        await Assert.ThrowsAsync<CellUpdateRejectedException>(() => browser.UpdateCellAsync(1, "user_id", "x", CancellationToken.None));
        await Assert.ThrowsAsync<CellUpdateRejectedException>(() => browser.UpdateCellAsync(1, "rowid", "2", CancellationToken.None));
        await Assert.ThrowsAsync<CellUpdateRejectedException>(() => browser.UpdateCellAsync(1, "patient_id", "x", CancellationToken.None));
        Assert.Equal(0, await browser.UpdateCellAsync(999, "site", "x", CancellationToken.None));
    }

    [Fact]
    public async Task The_zip_holds_one_csv_per_table_with_the_values_exactly()
    {
        var a = await TestDatabase.CreateUserAsync();
        string[] tricky = ["say \"hi\"", "a,b", "line1\nline2", "ünïcødé ✓", " padded ", ""];
        var table = await TestTables.CreateAsync(a, ["note"], tricky.Select((v, i) => new[] { $"id{i}", v }).ToArray());
        var (_, catalog, exporter) = For(a);
        var userTable = (await catalog.GetAsync(CancellationToken.None)).Single(t => t.Name == table);

        using var zipBytes = new MemoryStream();
        await exporter.WriteZipAsync([new ExportTable(userTable, ["Patient ID", "Note, \"quoted\""])], zipBytes, CancellationToken.None);
        zipBytes.Position = 0;
        using var zip = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        var entry = Assert.Single(zip.Entries);
        using var reader = new StreamReader(entry.Open());
        var records = CsvRecords.Parse(await reader.ReadToEndAsync());

        Assert.Equal(table + ".csv", entry.FullName);
        Assert.Equal(["Patient ID", "Note, \"quoted\""], records[0]);
        Assert.Equal(tricky, records.Skip(1).Select(r => r[1]));
    }
}

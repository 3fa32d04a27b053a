using System.Globalization;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Anonymization.Workspace.WorkspaceTestKit;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class ColumnSourceTests
{
    [Fact]
    public async Task A_stored_dataset_is_scanned_once_for_statistics_of_every_chunks_columns()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateDatasetAsync(owner, ["a", "b", "c", "d"],
            (["age", "sex"], [["34", "F"], ["NA", null], ["61.5", "M"], ["", "n/a"]]),
            (["count", "note"], [["0", "x"], ["12", "null"], ["3", "NaN"], ["-4", "7"]]));

        var (layout, rowIds, _) = (await Scanner(owner).ScanAsync(name, Ct))!;

        Assert.Equal(["patient_id", "age", "sex", "count", "note"], layout.Columns.Select(c => c.Name));
        Assert.Equal([name + "_p0", name + "_p0", name + "_p0", name + "_p1", name + "_p1"], layout.Columns.Select(c => c.Table));
        Assert.Equal(4, rowIds.Length);
        Assert.Equal(new ColumnStats(2, true, 34, 61.5), layout.StatsOf("age"));
        Assert.Equal(new ColumnStats(2, false, 0, 0), layout.StatsOf("sex"));
        Assert.Equal(new ColumnStats(0, true, -4, 12), layout.StatsOf("count"));
        Assert.Equal(new ColumnStats(2, false, 7, 7), layout.StatsOf("note"));
        Assert.Null(await Scanner(await TestDatabase.CreateUserAsync()).ScanAsync(name, Ct)); // another user's
    }

    [Fact]
    public async Task A_stored_dataset_reads_only_the_columns_asked_for_across_chunks_and_row_ranges()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateDatasetAsync(owner, ["a", "b", "c"],
            (["x"], [["1"], ["2"], ["3"]]), (["y"], [["p"], [null], ["r"]]), (["z"], [["7"], ["8"], ["9"]]));
        var (layout, ids, _) = (await Scanner(owner).ScanAsync(name, Ct))!;
        var source = new StoredDatasetColumnSource(Clients.User(owner), name, InPlace(layout), ids);

        var table = await source.ReadColumnsAsync(["z", "y"], Ct);
        var rows = await source.ReadRowsAsync(1, 2, ["x", "z", "patient_id"], Ct);

        Assert.Equal(["z", "y"], table.ColumnNames);
        Assert.Equal(["7|p", "8|", "9|r"], Tables.Lines(table));
        Assert.Equal([["2", "3"], ["8", "9"], ["b", "c"]], rows);
    }

    [Fact]
    public async Task A_stored_datasets_few_valued_columns_are_kept_at_start_and_read_back_as_the_source_holds_them()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var n = CompactColumnCollector.MaxDistinct + 40;
        var ids = Enumerable.Range(0, n).Select(i => "s" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var name = await CreateDatasetAsync(owner, ids,
            (["sex", "count"], [.. ids.Select((_, i) => new string?[] { i % 5 == 0 ? null : i % 2 == 0 ? "F" : "M", i.ToString(CultureInfo.InvariantCulture) })]),
            (["site"], [.. ids.Select((_, i) => new string?[] { i % 3 == 0 ? "" : "gut-" + (i % 7).ToString(CultureInfo.InvariantCulture) })]));
        var scan = (await Scanner(owner).ScanAsync(name, Ct))!;
        await Store(owner).StartAsync(new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new(WorkspaceSource.DatasetKind, name) }, scan.Layout, scan.RowIds, scan.Blocks, Ct);
        var kept = new StoredDatasetColumnSource(Clients.User(owner), name, scan.Layout, scan.RowIds);
        var inPlace = new StoredDatasetColumnSource(Clients.User(owner), name, InPlace(scan.Layout), scan.RowIds);

        Assert.Equal(["sex", "site"], scan.Layout.Columns.Where(c => c.Copied).Select(c => c.Name)); // the id and count have too many values
        Assert.Equal(Tables.Lines(await inPlace.ReadColumnsAsync(["site", "count", "sex"], Ct)), Tables.Lines(await kept.ReadColumnsAsync(["site", "count", "sex"], Ct)));
        Assert.Equal((await inPlace.ReadColumnsAsync(["sex"], Ct)).Columns[0].Values, (await kept.ReadColumnsAsync(["sex"], Ct)).Columns[0].Values);
        Assert.Equal(await inPlace.ReadRowsAsync(250, 40, ["sex", "patient_id", "site"], Ct), await kept.ReadRowsAsync(250, 40, ["sex", "patient_id", "site"], Ct));
        Assert.Contains("", (await kept.ReadColumnsAsync(["sex"], Ct)).Columns[0].Values); // NULL reads as missing
    }

    [Fact]
    public async Task A_step_reading_only_kept_columns_still_finds_out_the_dataset_has_gone()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(owner);
        var scan = (await Scanner(owner).ScanAsync(name, Ct))!;
        await Store(owner).StartAsync(new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new(WorkspaceSource.DatasetKind, name) }, scan.Layout, scan.RowIds, scan.Blocks, Ct);
        var source = new StoredDatasetColumnSource(Clients.User(owner), name, scan.Layout, scan.RowIds);
        Assert.Equal(["34|F", "61|"], Tables.Lines(await source.ReadColumnsAsync(["age", "sex"], Ct)));
        Assert.True(scan.Layout.Columns.Single(c => c.Name == "age").Copied);

        await DropDatasetAsync(name);

        await Assert.ThrowsAsync<WorkingCopySourceGoneException>(() => source.ReadColumnsAsync(["age", "sex"], Ct));
        await Assert.ThrowsAsync<WorkingCopySourceGoneException>(() => source.ReadRowsAsync(0, 2, ["sex"], Ct));
    }

    private static SourceLayout InPlace(SourceLayout layout) =>
        layout with { Columns = [.. layout.Columns.Select(c => c with { Copied = false })] };

    [Fact]
    public async Task Another_user_cannot_read_a_dataset_through_a_stolen_layout()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(owner);
        var (layout, ids, _) = (await Scanner(owner).ScanAsync(name, Ct))!;
        var other = new StoredDatasetColumnSource(Clients.User(await TestDatabase.CreateUserAsync()), name, layout, ids);

        await Assert.ThrowsAsync<WorkingCopySourceGoneException>(() => other.ReadColumnsAsync(["age"], Ct));
    }

    [Fact]
    public async Task An_upload_is_kept_in_blocks_and_any_row_range_reads_back_as_uploaded()
    {
        var user = await TestDatabase.CreateUserAsync();
        var rows = Enumerable.Range(0, 2500).Select(i => $"{i}|{(i % 7 == 0 ? "" : (i % 300).ToString(CultureInfo.InvariantCulture))}|{(i % 2 == 0 ? "even" : "odd")}").ToArray();
        var (layout, blocks) = CsvColumnSource.Prepare(Tables.Of("id|n|parity", rows));
        await Store(user).StartAsync(new WorkspaceState { Step = WorkflowStep.DropIdentifiers, Source = new("upload", "big.csv") }, layout, null, blocks, Ct);
        var source = new CsvColumnSource(Clients.User(user), layout);

        var range = await source.ReadRowsAsync(1000, 100, ["parity", "n"], Ct); // spans the first two blocks' boundary
        var column = await source.ReadColumnsAsync(["n"], Ct);

        Assert.Equal(3, blocks.Count(b => b.Ordinal == 0));
        Assert.Equal(rows[1000..1100].Select(r => r.Split('|')[2]), range[0]);
        Assert.Equal(rows[1000..1100].Select(r => r.Split('|')[1]), range[1]);
        Assert.Equal(rows.Select(r => r.Split('|')[1]), Tables.Lines(column));
        Assert.Equal(new ColumnStats(358, true, 0, 299), layout.StatsOf("n"));
    }
}

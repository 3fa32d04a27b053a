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

        var (layout, rowIds) = (await Scanner(owner).ScanAsync(name, Ct))!.Value;

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
        var (layout, ids) = (await Scanner(owner).ScanAsync(name, Ct))!.Value;
        var source = new StoredDatasetColumnSource(Clients.User(owner), name, layout, ids);

        var table = await source.ReadColumnsAsync(["z", "y"], Ct);
        var rows = await source.ReadRowsAsync(1, 2, ["x", "z", "patient_id"], Ct);

        Assert.Equal(["z", "y"], table.ColumnNames);
        Assert.Equal(["7|p", "8|", "9|r"], Tables.Lines(table));
        Assert.Equal([["2", "3"], ["8", "9"], ["b", "c"]], rows);
    }

    [Fact]
    public async Task Another_user_cannot_read_a_dataset_through_a_stolen_layout()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(owner);
        var (layout, ids) = (await Scanner(owner).ScanAsync(name, Ct))!.Value;
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

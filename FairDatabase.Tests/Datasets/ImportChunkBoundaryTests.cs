using FairDatabase.Tests.Infrastructure;
using static FairDatabase.Tests.Datasets.ImportHelpers;

namespace FairDatabase.Tests.Datasets;

/// <summary>A table holds at most 1,200 data columns: exactly at, just over and at twice the limit.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportChunkBoundaryTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    [Theory]
    [InlineData(1200, new[] { 1200 })]
    [InlineData(1201, new[] { 1200, 1 })]
    [InlineData(2400, new[] { 1200, 1200 })]
    public async Task Data_columns_are_split_into_tables_of_at_most_1200(int dataColumns, int[] perTable)
    {
        var header = new[] { "sample" }.Concat(Enumerable.Range(1, dataColumns).Select(i => $"otu{i}")).ToArray();
        var rows = Enumerable.Range(1, 2).Select(r => new[] { $"S{r}" }.Concat(Enumerable.Range(1, dataColumns).Select(c => $"{(r + c) % 10}")).ToArray()).ToArray();
        var user = await TestDatabase.CreateUserAsync();

        var result = await ImportAsync(Csv(rows.Prepend(header)), "boundary.csv", user);

        Assert.Equal(perTable.Length, result.Tables.Count);
        var columns = new List<List<string>>();
        foreach (var table in result.Tables) columns.Add(await ColumnsOfAsync(table));
        // rowid, user_id and the id column come on top of the data columns in every table.
        Assert.Equal(perTable.Select(n => n + 3), columns.Select(c => c.Count));
        Assert.Equal($"otu{dataColumns}", columns[^1][^1]);
        var lastTable = await ReadTableAsync(result.Tables[^1]);
        Assert.Equal(rows.Select(r => r[^1]), lastTable.Select(r => r[^1]));
    }
}

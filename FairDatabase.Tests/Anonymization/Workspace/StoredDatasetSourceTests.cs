using Dapper;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace FairDatabase.Tests.Anonymization.Workspace;

[Collection(AppCollection.Name)]
public sealed class StoredDatasetSourceTests
{
    private static StoredDatasetSource SourceFor(Guid user)
    {
        var db = Clients.User(user);
        return new StoredDatasetSource(db, new UserTableCatalog(db, new MemoryCache(new MemoryCacheOptions())), new RecordedHeaders(db));
    }

    /// <summary>A dataset split over two chunk tables, as uploads of wide files are: the id column in each, rows aligned by rowid.</summary>
    internal static async Task<string> CreateTwoChunkDatasetAsync(Guid owner)
    {
        var name = TestDatabase.UniqueName("ds");
        var chunks = new[] { (Table: name + "_p0", Columns: new[] { "age", "sex" }), (Table: name + "_p1", Columns: new[] { "diagnosis" }) };
        var rows = new[] { new[] { "h1", "34", "F", "flu" }, new[] { "h2", "61", null, "cold" } };
        await Clients.ServiceRole().RunAsync(async s =>
        {
            foreach (var (table, columns) in chunks)
            {
                await Rpc.ScalarAsync<bool>(s, "create_data_table",
                    new { p_schema_name = "_realtime", p_table_name = table, p_column_names = columns, p_id_column = "patient_id" });
                await s.ExecuteAsync("INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES (@table, @name, @owner)", new { table, name, owner });
            }
            foreach (var row in rows)
            {
                await s.ExecuteAsync($"INSERT INTO {SqlIdentifier.Qualified("_realtime", chunks[0].Table)} (user_id, patient_id, age, sex) VALUES (@owner, @id, @age, @sex)",
                    new { owner, id = row[0], age = row[1], sex = row[2] });
                await s.ExecuteAsync($"INSERT INTO {SqlIdentifier.Qualified("_realtime", chunks[1].Table)} (user_id, patient_id, diagnosis) VALUES (@owner, @id, @diagnosis)",
                    new { owner, id = row[0], diagnosis = row[3] });
            }
        }, CancellationToken.None);
        return name;
    }

    [Fact]
    public async Task A_dataset_of_two_chunk_tables_loads_as_one_table_without_rowid_and_user_id()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(owner);

        var listed = Assert.Single(await SourceFor(owner).ListAsync(CancellationToken.None), d => d.Name == name);
        var table = await SourceFor(owner).LoadAsync(name, CancellationToken.None);

        Assert.Equal([name + "_p0", name + "_p1"], listed.Tables);
        Assert.Equal(["patient_id", "age", "sex", "diagnosis"], table!.ColumnNames);
        Assert.Equal(["h1|34|F|flu", "h2|61||cold"], Tables.Lines(table));
    }

    [Fact]
    public async Task Another_users_dataset_is_neither_listed_nor_loaded()
    {
        var owner = await TestDatabase.CreateUserAsync();
        var name = await CreateTwoChunkDatasetAsync(owner);
        var other = await TestDatabase.CreateUserAsync();

        Assert.DoesNotContain(await SourceFor(other).ListAsync(CancellationToken.None), d => d.Name == name);
        Assert.Null(await SourceFor(other).LoadAsync(name, CancellationToken.None));
    }
}

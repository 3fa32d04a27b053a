using System.Text;
using Dapper;
using FairDatabase.Core.Anonymization.Workspace;
using FairDatabase.Core.Anonymization.Workspace.Sources;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;

namespace FairDatabase.Tests.Anonymization.Workspace;

/// <summary>The workspace services wired by hand for one user, over the test database; and datasets to start from.</summary>
internal static class WorkspaceTestKit
{
    public static readonly CancellationToken Ct = CancellationToken.None;

    public static AnonymizationWorkspaceStore Store(Guid user) => new(Clients.User(user));

    /// <summary>One per test run, as one per app instance.</summary>
    public static readonly DecodedColumnCache ColumnCache = new();

    public static WorkingCopyLoader Loader(Guid user) => new(Store(user), Clients.User(user), ColumnCache);

    public static StoredDatasetScanner Scanner(Guid user)
    {
        var db = Clients.User(user);
        return new StoredDatasetScanner(db, new UserTableCatalog(db, new MemoryCache(new MemoryCacheOptions())), new RecordedHeaders(db));
    }

    /// <summary>As in a request scope, the workflow and its loader share one store (which keeps what it loaded until it writes).</summary>
    public static GeneralizationWorkflow Workflow(Guid user)
    {
        var store = Store(user);
        return new(store, Scanner(user), new WorkingCopyLoader(store, Clients.User(user), ColumnCache), ColumnCache);
    }

    public static PrivacyWorkbench Workbench(Guid user)
    {
        var store = Store(user);
        return new(store, new WorkingCopyLoader(store, Clients.User(user), ColumnCache));
    }

    public static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A working copy's rows as "a|b|c" lines, as download and save stream them.</summary>
    public static async Task<string[]> RowsAsync(Guid user)
    {
        var copy = await Loader(user).OpenAsync(Ct) ?? throw new InvalidOperationException("no working copy");
        var lines = new List<string>();
        await foreach (var row in copy.RowsAsync(Ct)) lines.Add(string.Join('|', row));
        return [.. lines];
    }

    /// <summary>
    /// A dataset split over chunk tables, as uploads of wide files are: the id column in each, rows
    /// aligned by rowid. Each chunk is (columns, one value array per row).
    /// </summary>
    public static async Task<string> CreateDatasetAsync(Guid owner, string[] ids, params (string[] Columns, string?[][] Rows)[] chunks)
    {
        var name = TestDatabase.UniqueName("ds");
        await Clients.ServiceRole().RunAsync(async s =>
        {
            for (var i = 0; i < chunks.Length; i++)
            {
                var table = $"{name}_p{i}";
                await Rpc.ScalarAsync<bool>(s, "create_data_table",
                    new { p_schema_name = "_realtime", p_table_name = table, p_column_names = chunks[i].Columns, p_id_column = "patient_id" });
                await s.ExecuteAsync("INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES (@table, @name, @owner)", new { table, name, owner });
                var columns = string.Join(", ", chunks[i].Columns.Select(SqlIdentifier.Quote));
                var parameters = string.Join(", ", chunks[i].Columns.Select((_, c) => "@c" + c));
                for (var r = 0; r < ids.Length; r++)
                {
                    var p = new DynamicParameters(new { owner, id = ids[r] });
                    for (var c = 0; c < chunks[i].Columns.Length; c++) p.Add("c" + c, chunks[i].Rows[r][c]);
                    await s.ExecuteAsync($"INSERT INTO {SqlIdentifier.Qualified("_realtime", table)} (user_id, patient_id, {columns}) VALUES (@owner, @id, {parameters})", p);
                }
            }
        }, Ct);
        return name;
    }

    /// <summary>The two-chunk dataset most tests use: patient_id | age, sex | diagnosis.</summary>
    public static Task<string> CreateTwoChunkDatasetAsync(Guid owner) =>
        CreateDatasetAsync(owner, ["h1", "h2"],
            (["age", "sex"], [["34", "F"], ["61", null]]),
            (["diagnosis"], [["flu"], ["cold"]]));

    /// <summary>Deletes a dataset's tables and records as an administrator would (the tables' owner).</summary>
    public static async Task DropDatasetAsync(string name)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        var tables = await admin.QueryAsync<string>("SELECT table_name FROM _realtime.metadata_tables WHERE main_table = @name", new { name });
        foreach (var table in tables) await admin.ExecuteAsync($"DROP TABLE {SqlIdentifier.Qualified("_realtime", table)}");
        await admin.ExecuteAsync("DELETE FROM _realtime.metadata_tables WHERE main_table = @name", new { name });
    }
}

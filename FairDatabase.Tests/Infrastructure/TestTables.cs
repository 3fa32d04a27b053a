using Dapper;
using FairDatabase.Core.Data;

namespace FairDatabase.Tests.Infrastructure;

/// <summary>Data tables made the way uploads make them: create_data_table as service_role plus a metadata row.</summary>
public static class TestTables
{
    public static async Task<string> CreateAsync(Guid owner, string[] columns, params string[][] rows)
    {
        var table = TestDatabase.UniqueName("t");
        await Clients.ServiceRole().RunAsync(async s =>
        {
            await Rpc.ScalarAsync<bool>(s, "create_data_table",
                new { p_schema_name = "_realtime", p_table_name = table, p_column_names = columns, p_id_column = "patient_id" });
            await s.ExecuteAsync("INSERT INTO _realtime.metadata_tables (table_name, main_table, user_id) VALUES (@table, @table, @owner)", new { table, owner });
            var names = string.Join(", ", columns.Select(SqlIdentifier.Quote));
            var values = string.Join(", ", columns.Select((_, i) => $"@v{i}"));
            foreach (var row in rows)
            {
                var p = new DynamicParameters(new { owner, id = row[0] });
                for (var i = 0; i < columns.Length; i++) p.Add($"v{i}", row[i + 1]);
                await s.ExecuteAsync($"INSERT INTO {SqlIdentifier.Qualified("_realtime", table)} (user_id, patient_id, {names}) VALUES (@owner, @id, {values})", p);
            }
        }, CancellationToken.None);
        return table;
    }
}

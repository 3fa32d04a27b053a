using System.Text;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using Npgsql;

namespace FairDatabase.Tests.Data;

/// <summary>
/// The text COPY reader against PostgreSQL's own output: every byte a cell can hold comes back
/// as stored, NULL stays apart from the empty string and from the text "\N", and rows longer than
/// the reader's buffer are read whole.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CopyTextReaderTests(AppFixture fixture)
{
    private readonly AppFixture _ = fixture;

    private static async Task<List<string?[]>> ReadAllAsync(string select, int fields)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var reader = await CopyTextReader.OpenAsync(connection, select, CancellationToken.None);
        var rows = new List<string?[]>();
        while (await reader.NextRowAsync(CancellationToken.None))
        {
            var row = new string?[fields];
            for (var f = 0; f < fields; f++) row[f] = reader.NextField() >= 0 ? Encoding.UTF8.GetString(reader.Field) : null;
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task Escaped_bytes_NULL_and_the_empty_string_come_back_as_stored()
    {
        string[] tricky = ["tab\there", "new\nline", "cr\rreturn", "back\\slash", "\\N", "\\", "bell\u0007 \b \f \v", "ünïcødé 🦠", "", "end\\"];
        await using var connection = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE copy_cells AS SELECT ord, v FROM (VALUES {string.Join(", ", tricky.Select((_, i) => $"({i}, @v{i})"))}, ({tricky.Length}, NULL)) AS t (ord, v)", connection))
        {
            for (var i = 0; i < tricky.Length; i++) create.Parameters.AddWithValue($"v{i}", tricky[i]);
            await create.ExecuteNonQueryAsync();
        }
        await using var reader = await CopyTextReader.OpenAsync(connection, "SELECT ord, v, v FROM copy_cells ORDER BY ord", CancellationToken.None);
        var read = new List<(int, string?, string?)>();
        while (await reader.NextRowAsync(CancellationToken.None))
        {
            var ord = reader.NextInt32();
            var first = reader.NextField() >= 0 ? Encoding.UTF8.GetString(reader.Field) : null;
            var second = reader.NextField() >= 0 ? reader.FieldString() : null;
            read.Add((ord, first, second));
        }

        Assert.Equal(tricky.Select((v, i) => (i, (string?)v, (string?)v)).Append((tricky.Length, null, null)), read);
    }

    [Fact]
    public async Task Rows_longer_than_the_buffer_and_many_rows_are_read_whole()
    {
        var rows = await ReadAllAsync("SELECT g, repeat(chr(97 + g % 26), 300000 * (g % 3)), g::text FROM generate_series(1, 200) g", 3);

        Assert.Equal(200, rows.Count);
        Assert.All(rows, r => Assert.Equal(r[0], r[2]));
        Assert.Equal(new string('b', 300000), rows[0][1]);
        Assert.Equal(new string('c', 600000), rows[1][1]);
        Assert.Equal("", rows[2][1]);
    }

    [Fact]
    public async Task Asking_for_more_fields_than_the_row_has_is_an_error()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var reader = await CopyTextReader.OpenAsync(connection, "SELECT 1, 2", CancellationToken.None);
        Assert.True(await reader.NextRowAsync(CancellationToken.None));
        reader.NextField();
        reader.NextField();

        Assert.Throws<InvalidDataException>(() => reader.NextField());
    }
}

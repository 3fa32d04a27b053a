using System.Text;
using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FairDatabase.Tests.Datasets;

/// <summary>Builds importers on the test database and reads back what they stored.</summary>
internal static class ImportHelpers
{
    public static DatasetImporter Importer(UploadOptions? options = null, Func<DbSession, ChunkPlan, long, Task>? afterFlush = null) =>
        new(Clients.ServiceRole(), Options.Create(options ?? new UploadOptions()), NullLogger<DatasetImporter>.Instance) { AfterCopyFlush = afterFlush };

    public static Task<ImportResult> ImportAsync(string csv, string fileName, Guid user, UploadOptions? options = null) =>
        ImportAsync(Encoding.UTF8.GetBytes(csv), fileName, user, options);

    public static async Task<ImportResult> ImportAsync(byte[] csv, string fileName, Guid user, UploadOptions? options = null)
    {
        using var body = new ForwardOnlyStream(csv);
        return await Importer(options).ImportAsync(body, new UploadRequest(fileName, "a description", "an origin"), user, CancellationToken.None);
    }

    /// <summary>A body that can only be read forwards, like a request body: the importer must stage it.</summary>
    public sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A CSV field quoted the RFC 4180 way when it needs to be.</summary>
    public static string Field(string value, char separator = ',') =>
        value.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Csv(IEnumerable<IEnumerable<string>> rows, char separator = ',', string newline = "\n") =>
        string.Concat(rows.Select(r => string.Join(separator, r.Select(v => Field(v, separator))) + newline));

    /// <summary>Every row of a data table in load order, without rowid and user_id; NULL read as "".</summary>
    public static async Task<List<string[]>> ReadTableAsync(string table)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        await using var cmd = new Npgsql.NpgsqlCommand($"SELECT * FROM {SqlIdentifier.Qualified("_realtime", table)} ORDER BY rowid", admin);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(2, reader.FieldCount - 2).Select(i => reader.IsDBNull(i) ? "" : reader.GetString(i)).ToArray());
        return rows;
    }

    public static async Task<List<string>> ColumnsOfAsync(string table)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return (await admin.QueryAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = '_realtime' AND table_name = @table ORDER BY ordinal_position",
            new { table })).ToList();
    }

    /// <summary>What an upload of <paramref name="user"/> left behind: metadata rows, dataset rows and tables named after <paramref name="stem"/>.</summary>
    public static async Task<(long Metadata, long Datasets, long Tables)> LeftoversAsync(Guid user, string stem)
    {
        await using var admin = await TestDatabase.OpenAdminAsync();
        return await admin.QuerySingleAsync<(long, long, long)>(
            """
            SELECT (SELECT count(*) FROM _realtime.metadata_tables WHERE user_id = @user),
                   (SELECT count(*) FROM fairdb.datasets WHERE user_id = @user),
                   (SELECT count(*) FROM pg_tables WHERE schemaname = '_realtime' AND starts_with(tablename, @stem))
            """, new { user, stem });
    }
}

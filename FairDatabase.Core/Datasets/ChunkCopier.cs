using CsvHelper;
using FairDatabase.Core.Data;
using Npgsql;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The loading pass for one physical table: reads the staged file again and streams its rows
/// into <c>COPY … FROM STDIN (FORMAT BINARY)</c>, each stamped with the uploader's id and the
/// hashed sample id. One connection runs one COPY at a time, so each table gets its own pass;
/// parsing is cheap next to what PostgreSQL does with the rows.
/// </summary>
internal sealed class ChunkCopier(IdHasher hasher)
{
    private const int FlushBytes = 1 << 20;

    /// <summary>Called after each piece sent to the server (tests use it to break things mid-COPY).</summary>
    public Func<DbSession, ChunkPlan, long, Task>? AfterFlush { get; init; }

    public async Task<long> CopyAsync(DbSession session, Stream file, CsvLayout layout, ImportPlan plan, ChunkPlan chunk, Guid userId, CancellationToken ct)
    {
        var columns = new List<string> { "user_id", plan.IdColumn };
        columns.AddRange(chunk.FileColumns.Select(i => plan.ColumnNames[i]));
        var sql = $"COPY {SqlIdentifier.Qualified("_realtime", chunk.Table)} ({string.Join(", ", columns.Select(SqlIdentifier.Quote))}) FROM STDIN (FORMAT BINARY)";
        var fieldCount = checked((short)columns.Count);
        var userField = PgBinaryCopyBuffer.UuidField(userId);

        file.Position = 0;
        using var reader = CsvReader.Create(file, CsvLayout.ReaderOptions(layout.Separator, trackLines: false), leaveOpen: true);
        using var buffer = new PgBinaryCopyBuffer(FlushBytes + (64 * 1024));
        await using var copy = await session.Connection.BeginRawBinaryCopyAsync(sql, ct);
        long rows = 0;
        try
        {
            buffer.WriteHeader();
            reader.Read(); // the header, checked already
            while (reader.Read())
            {
                WriteRow(reader, buffer, fieldCount, userField, chunk.FileColumns);
                rows++;
                if (buffer.Length >= FlushBytes)
                {
                    await copy.WriteAsync(buffer.Written, ct);
                    buffer.Clear();
                    if (AfterFlush is { } hook) await hook(session, chunk, rows);
                }
            }
            buffer.WriteTrailer();
            await copy.WriteAsync(buffer.Written, ct);
            if (AfterFlush is { } last) await last(session, chunk, rows);
        }
        catch
        {
            // Without this, disposing the stream would end the COPY as if it were complete.
            // On a broken connection the COPY is already over and cancelling fails; the first failure is the one to report.
            try
            {
                await copy.CancelAsync();
            }
            catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
            {
            }
            throw;
        }
        return rows;
    }

    private void WriteRow(CsvReader reader, PgBinaryCopyBuffer buffer, short fieldCount, byte[] userField, IReadOnlyList<int> fileColumns)
    {
        buffer.BeginRow(fieldCount);
        buffer.WriteRaw(userField);
        hasher.WriteHex(reader.GetSpan(0), buffer.TakeField(IdHasher.HexLength));
        for (var i = 0; i < fileColumns.Count; i++)
            buffer.WriteText(reader.GetSpan(fileColumns[i]));
    }
}

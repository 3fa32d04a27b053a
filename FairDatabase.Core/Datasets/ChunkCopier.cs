using System.Threading.Channels;
using CsvHelper;
using FairDatabase.Core.Data;
using Npgsql;

namespace FairDatabase.Core.Datasets;

/// <summary>
/// The loading pass for one physical table: reads the staged file again and streams its rows
/// into <c>COPY … FROM STDIN (FORMAT binary)</c>, each row the uploader's id, the hashed sample
/// id and the table's values exactly as this parser read them (no second CSV parser reads the
/// bytes, so lenient quoting cannot be read two ways). One connection runs one COPY at a time,
/// so each table gets its own pass.
/// </summary>
/// <remarks>
/// The binary format is assembled from the parser's UTF-8 spans in megabyte pieces and written
/// to Npgsql's raw binary COPY stream; a per-field <c>NpgsqlBinaryImporter.Write</c> costs
/// several times the client CPU (README, Benchmarks).
/// </remarks>
internal sealed class ChunkCopier(IdHasher hasher)
{
    private const int FlushBytes = 1 << 20;

    /// <summary>Called after each piece sent to the server (tests use it to break things mid-COPY).</summary>
    public Func<DbSession, ChunkPlan, long, Task>? AfterFlush { get; init; }

    public async Task<long> CopyAsync(DbSession session, StagedUpload upload, CsvLayout layout, ImportPlan plan, ChunkPlan chunk, Guid userId, CancellationToken ct)
    {
        var columns = new List<string> { "user_id", plan.IdColumn };
        columns.AddRange(chunk.FileColumns.Select(i => plan.ColumnNames[i]));
        var sql = $"COPY {SqlIdentifier.Qualified("_realtime", chunk.Table)} ({string.Join(", ", columns.Select(SqlIdentifier.Quote))}) "
                  + "FROM STDIN (FORMAT binary, FREEZE)";

        // Parsing and sending overlap: while PostgreSQL works through one piece, the next is being
        // parsed on another thread. Sending each piece right after parsing it would leave the
        // server idle for the whole parse time of every piece.
        var pieces = Channel.CreateBounded<Piece>(new BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var copy = await session.Connection.BeginRawBinaryCopyAsync(sql, ct);
        copy.WriteTimeout = session.CommandTimeout * 1000; // 0: no limit, as for commands
        var producer = Task.Run(() => ProduceAsync(upload, layout, userId, chunk.FileColumns, pieces.Writer, stop.Token), stop.Token);
        await using (copy)
        {
            try
            {
                await foreach (var piece in pieces.Reader.ReadAllAsync(stop.Token))
                {
                    using (piece.Buffer) await copy.WriteAsync(piece.Buffer.Written, ct);
                    if (AfterFlush is { } hook) await hook(session, chunk, piece.RowsSoFar);
                }
                return await producer;
            }
            catch
            {
                await stop.CancelAsync();
                await Task.WhenAny(producer); // it stops on the cancellation; a failure of its own arrived through the channel
                while (pieces.Reader.TryRead(out var left)) left.Buffer.Dispose();
                // Without this, disposing the writer would end the COPY as if it were complete.
                // On a broken connection the COPY is already over and cancelling fails; the first
                // failure is the one to report.
                try
                {
                    await copy.CancelAsync();
                }
                catch (Exception e) when (e is NpgsqlException or ObjectDisposedException)
                {
                }
                throw;
            }
        }
    }

    /// <summary>Parses the staged file into COPY-ready pieces of about a megabyte each.</summary>
    private async Task<long> ProduceAsync(StagedUpload upload, CsvLayout layout, Guid userId, IReadOnlyList<int> fileColumns,
        ChannelWriter<Piece> pieces, CancellationToken ct)
    {
        long rows = 0;
        var buffer = new CopyBuffer(FlushBytes + (64 * 1024));
        try
        {
            upload.Rewind();
            using var reader = CsvReader.Create(upload.Stream, layout.ReaderOptions(trackLines: false), leaveOpen: true);
            for (var i = 0; i < layout.LeadingRecords; i++) reader.Read(); // comments, the header, a #q2:types line: checked already
            BinaryCopyFormat.WriteHeader(buffer);
            while (reader.Read())
            {
                WriteRow(reader, buffer, userId, fileColumns);
                rows++;
                if (buffer.Length < FlushBytes) continue;
                await pieces.WriteAsync(new Piece(buffer, rows), ct);
                buffer = new CopyBuffer(FlushBytes + (64 * 1024));
            }
            BinaryCopyFormat.WriteTrailer(buffer);
            await pieces.WriteAsync(new Piece(buffer, rows), ct);
            pieces.Complete();
            return rows;
        }
        catch (Exception e)
        {
            buffer.Dispose();
            pieces.TryComplete(e);
            throw;
        }
    }

    private sealed record Piece(CopyBuffer Buffer, long RowsSoFar);

    private void WriteRow(CsvReader reader, CopyBuffer buffer, Guid userId, IReadOnlyList<int> fileColumns)
    {
        BinaryCopyFormat.StartRow(buffer, fileColumns.Count + 2);
        BinaryCopyFormat.WriteUuid(buffer, userId);
        hasher.WriteHex(reader.GetSpan(0), BinaryCopyFormat.TakeText(buffer, IdHasher.HexLength));
        foreach (var column in fileColumns) BinaryCopyFormat.WriteText(buffer, reader.GetSpan(column));
    }
}

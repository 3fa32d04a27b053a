using System.IO.Compression;

namespace FairDatabase.Core.Releases.Storage;

/// <summary>
/// Reads releases as the caller (<see cref="ReleaseCallerClient"/>): RLS shows public releases to
/// everyone and private ones to their owner and the anonymized dataset's grantees. data.csv is
/// read a few chunks per short transaction and inflated after it ends, so a slow client holds
/// no connection and memory holds a few chunks whatever the release's size.
/// </summary>
public sealed class ReleaseReader(ReleaseCallerClient db) : IReleaseReader
{
    private const int ChunksPerRead = 8;

    public async Task<Release?> FindAsync(Guid id, CancellationToken ct)
    {
        var row = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<ReleaseRow>($"SELECT {ReleaseRow.Columns} FROM fairdb_releases.releases WHERE id = @id", new { id }), ct);
        return row?.ToRelease();
    }

    public async Task<IReadOnlyList<ReleaseSummary>> ListVisibleAsync(CancellationToken ct)
    {
        var rows = await db.RunAsync(s => s.QueryAsync<(Guid Id, string Title, string Visibility, DateTime CreatedAt, long RowCount)>(
            "SELECT id, title, visibility, created_at, row_count FROM fairdb_releases.releases ORDER BY created_at DESC, id LIMIT 1000"), ct);
        return rows.Select(r => new ReleaseSummary(r.Id, r.Title, r.Visibility == "public" ? ReleaseVisibility.Public : ReleaseVisibility.Private,
            new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)), r.RowCount)).ToList();
    }

    public async Task<bool> CopyDataCsvAsync(Guid id, Stream destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var chunks = await db.RunAsync(s => s.QuerySingleOrDefaultAsync<int?>(
            "SELECT (SELECT count(*)::int FROM fairdb_releases.release_chunks c WHERE c.release_id = r.id) FROM fairdb_releases.releases r WHERE r.id = @id", new { id }), ct);
        if (chunks is not { } count) return false;
        for (var first = 0; first < count; first += ChunksPerRead)
        {
            var last = first + ChunksPerRead - 1;
            var batch = (await db.RunAsync(s => s.QueryAsync<byte[]>(
                "SELECT deflated FROM fairdb_releases.release_chunks WHERE release_id = @id AND seq BETWEEN @first AND @last ORDER BY seq", new { id, first, last }), ct)).ToList();
            if (batch.Count != Math.Min(ChunksPerRead, count - first))
                throw new InvalidDataException($"Release {id}'s data stopped being readable while it was copied.");
            // The transaction has ended: the client may take its time.
            foreach (var deflated in batch)
            {
                await using var inflate = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
                await inflate.CopyToAsync(destination, ct);
            }
        }
        return true;
    }
}

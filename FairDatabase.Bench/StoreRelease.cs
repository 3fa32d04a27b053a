using Dapper;
using FairDatabase.Core.Data;
using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Storage;
using Npgsql;

namespace FairDatabase.Bench;

/// <summary>
/// <c>store-release --csv FILE --owner UUID --db URL</c>: stores FILE as the data.csv of a public
/// release of that user (as the release store lays it out: deflated chunks, size, SHA-256), so
/// the release benchmark can time its ZIP. Prints the release id. The figures are placeholders.
/// </summary>
internal static class StoreRelease
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? csv = null, owner = null, db = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
            switch (args[i])
            {
                case "--csv": csv = args[i + 1]; break;
                case "--owner": owner = args[i + 1]; break;
                case "--db": db = args[i + 1]; break;
                default: return Usage();
            }
        if (csv is null || owner is null || db is null) return Usage();

        var snapshot = new DataSnapshotStream();
        try
        {
            await using (var file = File.OpenRead(csv)) await file.CopyToAsync(snapshot);
            snapshot.Finish();
            string header;
            using (var reader = new StreamReader(csv)) header = await reader.ReadLineAsync() ?? "";
            var fields = header.Split(',').Select((name, i) => new ReleaseField(name, i == 0 ? "string" : "number")).ToList();
            var rows = File.ReadLines(csv).LongCount() - 1;
            var risk = new RiskFigures(rows, rows, 1, 1, 1, 1, 1, 1, 0.2, rows, [fields[1].Name], []);
            var id = Guid.CreateVersion7();
            await using var connection = new NpgsqlConnection(ConnectionStrings.Normalize(db));
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                """
                INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, recipe, title, description, creators, license, keywords,
                    visibility, fields, row_count, data_bytes, data_sha256, risk)
                VALUES (@id, @owner::uuid, @id, 'bench', '{}', 'Release benchmark', 'A synthetic wide microbiome table.', ARRAY['Bench, Mark'],
                    'CC-BY-4.0', ARRAY['benchmark'], 'public', @fields::jsonb, @rows, @bytes, @sha, @risk::jsonb)
                """,
                new { id, owner, fields = ReleaseJsonColumns.Of(fields), rows, bytes = snapshot.Bytes, sha = snapshot.Sha256, risk = ReleaseJsonColumns.Of(risk) }, tx);
            for (var seq = 0; seq < snapshot.ChunkCount; seq++)
                await connection.ExecuteAsync("INSERT INTO fairdb_releases.release_chunks (release_id, seq, deflated) VALUES (@id, @seq, @deflated)",
                    new { id, seq, deflated = await snapshot.ReadChunkAsync(seq, CancellationToken.None) }, tx);
            await tx.CommitAsync();
            Console.WriteLine(id);
            return 0;
        }
        finally
        {
            snapshot.Release();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: FairDatabase.Bench store-release --csv FILE --owner UUID --db URL");
        return 2;
    }
}

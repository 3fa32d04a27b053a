using System.IO.Compression;
using System.Security.Cryptography;
using Dapper;
using FairDatabase.Core.Releases;
using FairDatabase.Core.Releases.Storage;
using FairDatabase.Tests.Infrastructure;

namespace FairDatabase.Tests.Web.Releases;

/// <summary>
/// Puts a release straight into the release tables (as the database owner), laid out as the
/// release store keeps it: the row and data.csv as raw-deflate chunks. The export routes then read
/// it through the app's own reader, as the caller, under row security.
/// </summary>
internal static class StoredReleases
{
    public const int ChunkBytes = 1 << 20;

    /// <summary><paramref name="release"/> with <paramref name="csv"/> as its data (size and hash made true).</summary>
    public static async Task<Release> InsertAsync(Release release, byte[] csv)
    {
        release = release with { DataBytes = csv.Length, DataSha256 = Convert.ToHexStringLower(SHA256.HashData(csv)) };
        await using var admin = await TestDatabase.OpenAdminAsync();
        await using var tx = await admin.BeginTransactionAsync();
        await admin.ExecuteAsync(
            """
            INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, source_dataset_id, source_dataset_name, recipe, title, description,
                creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk, p29, created_at)
            VALUES (@Id, @OwnerId, @datasetId, @datasetName, @sourceId, @sourceName, @recipe::jsonb, @Title, @Description,
                @creators, @License, @keywords, @visibility, @fields::jsonb, @RowCount, @DataBytes, @DataSha256, @risk::jsonb, @p29::jsonb, @createdAt)
            """,
            new
            {
                release.Id, release.OwnerId, datasetId = release.Lineage.DatasetId, datasetName = release.Lineage.DatasetName,
                sourceId = release.Lineage.SourceDatasetId, sourceName = release.Lineage.SourceDatasetName, recipe = release.Lineage.RecipeJson,
                release.Title, release.Description, creators = release.Creators.ToArray(), release.License, keywords = release.Keywords.ToArray(),
                visibility = release.Visibility == ReleaseVisibility.Public ? "public" : "private",
                fields = ReleaseJsonColumns.Of(release.Fields.ToList()), release.RowCount, release.DataBytes, release.DataSha256,
                risk = ReleaseJsonColumns.Of(release.Risk), p29 = release.P29 is null ? null : ReleaseJsonColumns.Of(release.P29),
                createdAt = release.CreatedAt.UtcDateTime,
            }, tx);
        for (var (seq, at) = (0, 0); at < csv.Length; seq++, at += ChunkBytes)
            await admin.ExecuteAsync("INSERT INTO fairdb_releases.release_chunks (release_id, seq, deflated) VALUES (@id, @seq, @deflated)",
                new { id = release.Id, seq, deflated = Deflate(csv.AsSpan(at, Math.Min(ChunkBytes, csv.Length - at))) }, tx);
        await tx.CommitAsync();
        return release;
    }

    private static byte[] Deflate(ReadOnlySpan<byte> plain)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(plain);
        return output.ToArray();
    }
}

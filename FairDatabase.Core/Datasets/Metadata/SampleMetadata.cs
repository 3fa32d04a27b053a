using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Datasets.Metadata;

/// <summary>
/// Attaches sample metadata as one more chunk table of the dataset, <c>&lt;base&gt;_meta</c>,
/// with a row for every row of the dataset (same rowid, user_id and hashed id; NULLs where the
/// file has no such sample), recorded in fairdb.dataset_tables/dataset_columns and
/// metadata_tables so that preview, search, download and the anonymization workflow read it as
/// they read any chunk. Replacing drops the old chunk in the same transaction.
/// </summary>
public sealed class SampleMetadata(IServiceRoleClient db, IOptions<UploadOptions> options) : ISampleMetadata
{
    private const int UnmatchedListed = 20;
    private readonly IdHasher _hasher = new(options.Value.IdHashKey);

    public Task<MetadataTarget?> FindAsync(Guid datasetId, Guid userId, CancellationToken ct) =>
        db.RunAsync(async s =>
        {
            var dataset = await MetadataStore.FindDatasetAsync(s, datasetId, userId, lockRow: false);
            if (dataset is null) return null;
            var columns = await s.QueryAsync<string>(
                """
                SELECT c.original_name FROM fairdb.dataset_columns c
                JOIN fairdb.dataset_tables t ON t.dataset_id = c.dataset_id AND t.chunk_index = c.chunk_index AND t.sample_metadata
                WHERE c.dataset_id = @datasetId ORDER BY c.ordinal
                """, new { datasetId });
            return new MetadataTarget(datasetId, dataset.display_name, dataset.row_count, columns.ToList());
        }, ct);

    public async Task<MetadataAttachResult> AttachAsync(Guid datasetId, Stream body, string fileName, Guid userId, CancellationToken ct)
    {
        // Checked and read before the transaction: a bad file never touches the database.
        var file = await MetadataFile.ReadAsync(body, fileName, _hasher, options.Value, ct);
        // Refusals are decided before anything is written and leave the transaction as results:
        // the database client turns every exception thrown inside it into a database failure.
        var (result, refusal) = await db.RunOnceAsync<(MetadataAttachResult?, UploadValidationException?)>(async s =>
        {
            var dataset = await MetadataStore.FindDatasetAsync(s, datasetId, userId, lockRow: true);
            if (dataset is null) return (null, null);
            if (dataset.id_hash != _hasher.Algorithm)
                return (null, new UploadValidationException(UploadProblem.BadOption,
                    "This dataset's ids were hashed with another setting than the server's current one, so metadata ids cannot be matched to them."));
            // The metadata chunk, if any, comes last: the first chunk is always the dataset's own.
            var chunks = await MetadataStore.ChunksAsync(s, datasetId);
            var rows = await MetadataStore.RowIdsAsync(s, chunks[0], dataset.id_column);

            var matchedHashes = new HashSet<string>(StringComparer.Ordinal);
            long without = 0;
            foreach (var (_, hash) in rows)
            {
                if (file.BySampleHash.ContainsKey(hash)) matchedHashes.Add(hash);
                else without++;
            }
            var unmatched = file.BySampleHash.Where(p => !matchedHashes.Contains(p.Key)).Select(p => p.Value.Id).ToList();
            if (matchedHashes.Count == 0)
                return (null, new UploadValidationException(UploadProblem.NoMatchingSamples,
                    $"None of the {file.BySampleHash.Count:N0} sample ids in the metadata file matches a sample of '{dataset.display_name}' "
                    + $"(first ids: {string.Join(", ", unmatched.Take(5))}). The first column must hold the same sample ids as the table's id column; nothing was stored."));

            var replaced = await s.ExecuteScalarAsync<string?>("SELECT fairdb.drop_sample_metadata(@datasetId)", new { datasetId }) is not null;
            chunks = await MetadataStore.ChunksAsync(s, datasetId);
            var table = await MetadataStore.CreateAsync(s, dataset, chunks, file, userId);
            await MetadataStore.CopyRowsAsync(s, table, rows, file, userId, ct);
            return (new MetadataAttachResult(table.Name, file.Header.Skip(1).ToList(), rows.Count - without, without,
                unmatched.Take(UnmatchedListed).ToList(), unmatched.Count, replaced), null);
        }, ct);
        if (refusal is not null) throw refusal;
        return result ?? throw new KeyNotFoundException("No such dataset.");
    }
}

using FairDatabase.Core.Data;
using FairDatabase.Core.Datasets.Browse;
using FairDatabase.Core.Explore;
using FairDatabase.Core.Releases.Creation;
using FairDatabase.Core.Releases.Risk;

namespace FairDatabase.Core.Releases.Storage;

/// <summary>Stores a new release: its metadata, figures and data.csv snapshot, in one transaction.</summary>
public interface IReleaseSnapshotWriter
{
    Task<Guid> StoreAsync(DatasetSummary dataset, ReleaseMetadata metadata, RiskAssessment assessment, CancellationToken ct);
}

/// <summary>
/// data.csv is the anonymized dataset as its download gives it (one CSV, the uploaded header),
/// written by the one CSV exporter into a <see cref="DataSnapshotStream"/> (bytes, SHA-256, deflated
/// chunks on disk) before anything is inserted. The insert runs as the owner: the release policy
/// only admits a dataset with recorded lineage, and chunks only in the creating transaction.
/// Field types come from the dataset's column statistics (numeric → number, else string).
/// </summary>
public sealed class ReleaseSnapshotWriter(IUserClient db, IUserTableCatalog catalog, IOriginalHeaders headers, TableExporter exporter,
    IColumnStatisticsService statistics) : IReleaseSnapshotWriter
{
    public async Task<Guid> StoreAsync(DatasetSummary dataset, ReleaseMetadata metadata, RiskAssessment assessment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(assessment);
        var readable = (await catalog.GetAsync(ct)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var chunks = new List<ExportTable>();
        foreach (var name in dataset.TableNames)
            if (readable.TryGetValue(name, out var table)) chunks.Add(new ExportTable(table, await headers.HeaderForAsync(table, ct)));
        var fields = (await statistics.GetAsync(dataset.Id, ct) ?? [])
            .Select(c => new ReleaseField(c.OriginalName, c.IsNumeric ? "number" : "string")).ToList();

        var snapshot = new DataSnapshotStream();
        try
        {
            await exporter.WriteCsvAsync(chunks, snapshot, ct);
            snapshot.Finish();
            var id = Guid.CreateVersion7();
            var lineage = assessment.Lineage;
            await db.RunOnceAsync(async s =>
            {
                await s.ExecuteAsync(
                    """
                    INSERT INTO fairdb_releases.releases (id, user_id, dataset_id, dataset_name, source_dataset_id, source_dataset_name, recipe, title, description,
                        creators, license, keywords, visibility, fields, row_count, data_bytes, data_sha256, risk, p29)
                    VALUES (@id, auth.uid(), @datasetId, @datasetName, @sourceId, @sourceName, @recipe::jsonb, @title, @description,
                        @creators, @license, @keywords, @visibility, @fields::jsonb, @rows, @bytes, @sha, @risk::jsonb, @p29::jsonb)
                    """,
                    new
                    {
                        id, datasetId = dataset.Id, datasetName = dataset.DisplayName, sourceId = assessment.SourceDatasetName is null ? null : lineage.SourceDatasetId,
                        sourceName = assessment.SourceDatasetName, recipe = lineage.RecipeJson, metadata.Title, metadata.Description,
                        creators = metadata.Creators.ToArray(), metadata.License, keywords = metadata.Keywords.ToArray(),
                        visibility = metadata.Visibility == ReleaseVisibility.Public ? "public" : "private",
                        fields = ReleaseJsonColumns.Of(fields), rows = dataset.Rows, bytes = snapshot.Bytes, sha = snapshot.Sha256,
                        risk = ReleaseJsonColumns.Of(assessment.Risk), p29 = assessment.P29 is null ? null : ReleaseJsonColumns.Of(assessment.P29),
                    });
                for (var seq = 0; seq < snapshot.ChunkCount; seq++)
                    await s.ExecuteAsync("INSERT INTO fairdb_releases.release_chunks (release_id, seq, deflated) VALUES (@id, @seq, @deflated)",
                        new { id, seq, deflated = await snapshot.ReadChunkAsync(seq, ct) });
                return true;
            }, ct);
            return id;
        }
        finally
        {
            snapshot.Release();
        }
    }
}

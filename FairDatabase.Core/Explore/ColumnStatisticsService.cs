using FairDatabase.Core.Data;
using System.Text.Json;

namespace FairDatabase.Core.Explore;

/// <summary>A dataset's column statistics, from the kept copy or computed (and kept) on first use.</summary>
public interface IColumnStatisticsService
{
    /// <summary>columns.json's body; null when the caller has no such dataset.</summary>
    Task<string?> GetJsonAsync(Guid datasetId, CancellationToken ct);

    Task<IReadOnlyList<ColumnStatistics>?> GetAsync(Guid datasetId, CancellationToken ct);
}

public sealed class ColumnStatisticsService(IUserClient db, IColumnStatisticsStore store, ColumnStatisticsCalculator calculator) : IColumnStatisticsService
{
    public async Task<string?> GetJsonAsync(Guid datasetId, CancellationToken ct)
    {
        // RLS shows kept statistics only to the dataset's owner and grantees, so a hit needs no further check.
        if (await store.GetJsonAsync(datasetId, ct) is { } kept) return kept;
        var layout = await DatasetLayout.LoadAsync(db, datasetId, ct);
        if (layout is null) return null;
        var claim = await store.ClaimAsync(datasetId, ct);
        var json = JsonSerializer.Serialize(await calculator.ComputeAsync(layout, ct), ExploreJson.Default.IReadOnlyListColumnStatistics);
        if (claim is { } owned) await store.SaveAsync(datasetId, owned, json, ct); // a grantee's figures are not kept
        return json;
    }

    public async Task<IReadOnlyList<ColumnStatistics>?> GetAsync(Guid datasetId, CancellationToken ct) =>
        await GetJsonAsync(datasetId, ct) is { } json ? JsonSerializer.Deserialize(json, ExploreJson.Default.ListColumnStatistics) : null;
}

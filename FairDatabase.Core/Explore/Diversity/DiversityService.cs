using FairDatabase.Core.Data;
using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Explore.Diversity;

public interface IDiversityService
{
    /// <summary>Null when the caller has no such dataset; <see cref="DiversityInputException"/> for a request that cannot be answered.</summary>
    Task<DiversityResult?> ComputeAsync(Guid datasetId, DiversityRequest request, CancellationToken ct);
}

/// <summary>
/// Alpha and beta diversity of a dataset's samples. Features are the numeric columns (from the
/// kept column statistics) that are not excluded, not the id and not the group column. One
/// streamed pass gives each sample's sums (alpha needs no more); the counts matrix is kept only
/// for the samples that are ordinated, so memory is bounded by Explore:MaxOrdinationSamples ×
/// features. Above that many samples a second pass fills the seeded subset.
/// </summary>
public sealed class DiversityService(IUserClient db, IColumnStatisticsService statistics, IOptions<ExploreOptions> options) : IDiversityService
{
    public const int TopFeatureCount = 10;

    public async Task<DiversityResult?> ComputeAsync(Guid datasetId, DiversityRequest request, CancellationToken ct)
    {
        if (!DiversityRequest.Metrics.Contains(request.Metric))
            throw new DiversityInputException($"Unknown metric '{request.Metric}': use bray_curtis or aitchison.");
        if (!(request.Pseudocount >= 0) || !double.IsFinite(request.Pseudocount))
            throw new DiversityInputException("The pseudocount must be a number of 0 or more.");
        var layout = await DatasetLayout.LoadAsync(db, datasetId, ct);
        var stats = layout is null ? null : await statistics.GetAsync(datasetId, ct);
        if (layout is null || stats is null) return null;

        var group = request.Group is { Length: > 0 } g
            ? layout.Find(g) ?? throw new DiversityInputException($"Unknown group column '{g}'.")
            : null;
        var unknown = request.Exclude.Where(e => layout.Find(e) is null).ToList();
        if (unknown.Count > 0) throw new DiversityInputException($"Unknown column(s) to exclude: {string.Join(", ", unknown.Select(u => $"'{u}'"))}.");
        var excluded = request.Exclude.Select(e => layout.Find(e)!.Ordinal).ToHashSet();
        var features = layout.Columns.Where((c, i) => i > 0 && stats[i].IsNumeric && !excluded.Contains(c.Ordinal) && c.Ordinal != group?.Ordinal).ToList();
        if (features.Count == 0)
            throw new DiversityInputException("The dataset has no numeric feature columns (after the exclusions) to compute diversity on.");

        var limit = Math.Max(2, options.Value.MaxOrdinationSamples);
        var reader = new FeatureTableReader(db, layout, features, group);
        var p = features.Count;
        var sums = new SampleSums((int)layout.Rows);
        var keepAll = layout.Rows <= limit;
        var all = keepAll ? new double[layout.Rows * p] : null;
        await reader.ReadAsync((row, f, c) =>
        {
            sums.Add(row, c);
            if (all is not null) all[((long)row * p) + f] = c;
        }, withLabels: true, ct);

        var n = reader.Ids.Count;
        var included = Enumerable.Range(0, n).Where(i => sums.Total[i] != 0).ToArray();
        var groups = group is null ? null : reader.Groups;
        var abundance = new GroupAbundanceAccumulator(groups, included, p, sums);
        var chosen = keepAll ? included : SeededSubset(included, limit, options.Value.OrdinationSeed);
        var slot = new int[n];
        Array.Fill(slot, -1);
        for (var s = 0; s < chosen.Length; s++) slot[chosen[s]] = s;
        double[] matrix;
        if (all is not null)
        {
            for (var i = 0; i < n; i++) for (var f = 0; f < p; f++) if (all[((long)i * p) + f] != 0) abundance.Add(i, f, all[((long)i * p) + f]);
            // Move the ordinated rows to the front in place (chosen is ascending, so no row is overwritten before it moves).
            for (var s = 0; s < chosen.Length; s++) if (chosen[s] != s) all.AsSpan(chosen[s] * p, p).CopyTo(all.AsSpan(s * p, p));
            matrix = all;
        }
        else
        {
            matrix = new double[(long)chosen.Length * p];
            await reader.ReadAsync((row, f, c) =>
            {
                abundance.Add(row, f, c);
                if (slot[row] >= 0) matrix[((long)slot[row] * p) + f] = c;
            }, withLabels: false, ct);
        }
        all = null;
        // The distance functions and PCoA reuse their inputs' memory: the matrix becomes the clr
        // (Aitchison) and the distances become B, so 2,000 × 2,000 needs about three 32 MB arrays.
        var distances = request.Metric == DiversityRequest.BrayCurtis
            ? BetaDistances.BrayCurtis(matrix, chosen.Length, p)
            : BetaDistances.Aitchison(matrix, chosen.Length, p, request.Pseudocount);
        matrix = [];
        var pcoa = Pcoa.Run(distances, chosen.Length);
        var position = new int[n];
        for (var k = 0; k < included.Length; k++) position[included[k]] = k;

        var note = keepAll ? null
            : $"{included.Length:N0} samples: the PCoA shows a random subset of {chosen.Length:N0} (Explore:MaxOrdinationSamples); alpha diversity covers every sample.";
        return new DiversityResult(
            included.Select(i => reader.Ids[i]).ToArray(),
            groups is null ? null : included.Select(i => groups[i]).ToArray(),
            sums.Alpha(included),
            new PcoaSeries(pcoa.Coordinates, pcoa.ProportionExplained, chosen.Select(i => position[i]).ToArray(), !keepAll),
            Enumerable.Range(0, n).Where(i => sums.Total[i] == 0).Select(i => reader.Ids[i]).ToArray(),
            request.Metric, request.Pseudocount, group?.Name, p,
            abundance.Top(TopFeatureCount, features.Select(f => f.OriginalName).ToArray()), note);
    }

    /// <summary>A reproducible random subset (reservoir sampling with a fixed seed), in table order.</summary>
    internal static int[] SeededSubset(int[] candidates, int size, int seed)
    {
        if (candidates.Length <= size) return candidates;
        var random = new Random(seed);
        var reservoir = candidates[..size];
        for (var k = size; k < candidates.Length; k++)
        {
            var j = random.Next(k + 1);
            if (j < size) reservoir[j] = candidates[k];
        }
        Array.Sort(reservoir);
        return reservoir;
    }
}

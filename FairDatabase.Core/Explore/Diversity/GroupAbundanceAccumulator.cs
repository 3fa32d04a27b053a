namespace FairDatabase.Core.Explore.Diversity;

/// <summary>
/// Mean relative abundance (count / sample's positive total) of each feature per group, over the
/// included samples; the top features are those with the highest mean over all of them.
/// </summary>
internal sealed class GroupAbundanceAccumulator
{
    private readonly string[] _groupNames;
    private readonly int[] _groupOf;
    private readonly int[] _groupSizes;
    private readonly double[][] _sums;
    private readonly SampleSums _totals;
    private readonly int _features;

    public GroupAbundanceAccumulator(IReadOnlyList<string>? groups, int[] included, int features, SampleSums totals)
    {
        _features = features;
        _totals = totals;
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = included.Length == 0 ? 0 : included.Max() + 1;
        _groupOf = new int[rows];
        Array.Fill(_groupOf, -1);
        foreach (var r in included)
        {
            var name = groups is null ? "all samples" : groups[r];
            if (!index.TryGetValue(name, out var g)) { g = names.Count; index[name] = g; names.Add(name); }
            _groupOf[r] = g;
        }
        _groupNames = [.. names];
        _groupSizes = new int[names.Count];
        foreach (var r in included) _groupSizes[_groupOf[r]]++;
        _sums = names.Select(_ => new double[features]).ToArray();
    }

    public void Add(int row, int feature, double count)
    {
        if (row >= _groupOf.Length || _groupOf[row] < 0 || count <= 0) return;
        _sums[_groupOf[row]][feature] += count / _totals.Positive(row);
    }

    public TopFeatures Top(int count, string[] featureNames)
    {
        var overall = new double[_features];
        foreach (var sums in _sums) for (var f = 0; f < _features; f++) overall[f] += sums[f];
        var top = Enumerable.Range(0, _features).OrderByDescending(f => overall[f]).ThenBy(f => f).Take(count).ToArray();
        var groups = _groupNames.Select((name, g) => new GroupAbundance(name, _groupSizes[g],
            top.Select(f => _groupSizes[g] == 0 ? 0 : _sums[g][f] / _groupSizes[g]).ToArray())).ToArray();
        return new TopFeatures(top.Select(f => featureNames[f]).ToArray(), groups);
    }
}

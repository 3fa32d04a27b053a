using System.Collections.Concurrent;

namespace FairDatabase.Bench.Pages;

/// <summary>Latencies and outcomes of one measured phase, collected from every user's loop.</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<List<(string Kind, double Ms)>> _latencies = [];
    private readonly ConcurrentDictionary<string, int> _byInstance = new(StringComparer.Ordinal);
    private int _non2xx;
    private int _server5xx;
    private int _failures;

    /// <summary>A list owned by one loop (no locking on the hot path); merged at the end.</summary>
    public List<(string Kind, double Ms)> NewLane()
    {
        var lane = new List<(string Kind, double Ms)>(100_000);
        _latencies.Add(lane);
        return lane;
    }

    public void Record(List<(string Kind, double Ms)> lane, string kind, double milliseconds, int status, string? instance)
    {
        lane.Add((kind, milliseconds));
        if (status is < 200 or > 299) Interlocked.Increment(ref _non2xx);
        if (status >= 500) Interlocked.Increment(ref _server5xx);
        _byInstance.AddOrUpdate(instance ?? "(no X-Instance header)", 1, (_, n) => n + 1);
    }

    public void RecordFailure(List<(string Kind, double Ms)> lane, string kind, double milliseconds)
    {
        lane.Add((kind, milliseconds));
        Interlocked.Increment(ref _failures);
    }

    public int Count => _latencies.Sum(l => l.Count);

    public void Print(string title, double seconds)
    {
        var samples = _latencies.SelectMany(l => l).ToList();
        var all = samples.Select(x => x.Ms).Order().ToArray();
        double At(double q) => Quantile(all, q);
        Console.WriteLine($"{title}:");
        Console.WriteLine($"  requests:      {all.Length} in {seconds:F1} s = {all.Length / seconds:F0} requests/s");
        Console.WriteLine($"  latency:       p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {(all.Length == 0 ? double.NaN : all[^1]):F1} ms");
        Console.WriteLine($"  non-2xx:       {_non2xx} (5xx: {_server5xx}), failed connections: {_failures}");
        foreach (var kind in samples.GroupBy(x => x.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var sorted = kind.Select(x => x.Ms).Order().ToArray();
            Console.WriteLine($"  {kind.Key,-13}  p50 {Quantile(sorted, 0.5):F1} ms, p99 {Quantile(sorted, 0.99):F1} ms ({sorted.Length} requests)");
        }
        Console.WriteLine($"  by instance:   {string.Join(", ", _byInstance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}

using System.Collections.Concurrent;

namespace FairDatabase.Bench.Pages;

/// <summary>Latencies and outcomes of one measured phase, collected from every user's loop.</summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentBag<List<double>> _latencies = [];
    private readonly ConcurrentDictionary<string, int> _byInstance = new(StringComparer.Ordinal);
    private int _non2xx;
    private int _server5xx;
    private int _failures;

    /// <summary>A list owned by one loop (no locking on the hot path); merged at the end.</summary>
    public List<double> NewLane()
    {
        var lane = new List<double>(100_000);
        _latencies.Add(lane);
        return lane;
    }

    public void Record(List<double> lane, double milliseconds, int status, string? instance)
    {
        lane.Add(milliseconds);
        if (status is < 200 or > 299) Interlocked.Increment(ref _non2xx);
        if (status >= 500) Interlocked.Increment(ref _server5xx);
        _byInstance.AddOrUpdate(instance ?? "(no X-Instance header)", 1, (_, n) => n + 1);
    }

    public void RecordFailure(List<double> lane, double milliseconds)
    {
        lane.Add(milliseconds);
        Interlocked.Increment(ref _failures);
    }

    public void Print(string title, double seconds)
    {
        var all = _latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine($"{title}:");
        Console.WriteLine($"  requests:      {all.Length} in {seconds:F1} s = {all.Length / seconds:F0} requests/s");
        Console.WriteLine($"  latency:       p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {(all.Length == 0 ? double.NaN : all[^1]):F1} ms");
        Console.WriteLine($"  non-2xx:       {_non2xx} (5xx: {_server5xx}), failed connections: {_failures}");
        Console.WriteLine($"  by instance:   {string.Join(", ", _byInstance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
    }
}

using Microsoft.Extensions.Options;

namespace FairDatabase.Core.Datasets.Browse;

/// <summary>Section <c>Download</c>.</summary>
public sealed class DownloadOptions
{
    public const string Section = "Download";

    /// <summary>ZIP downloads one user may run at once on one app instance (then 429).</summary>
    public int MaxConcurrentPerUser { get; set; } = 2;

    internal static IEnumerable<string> Validate(DownloadOptions o)
    {
        if (o.MaxConcurrentPerUser < 1)
            yield return Configuration.OptionsRegistration.Setting(Section, nameof(MaxConcurrentPerUser), "must be at least 1");
    }
}

/// <summary>
/// Counts each user's running exports, so one user cannot tie up the connection pool and CPU
/// with many parallel downloads. Per instance: behind a balancer the bound is per instance.
/// </summary>
public sealed class ExportSlots(IOptions<DownloadOptions> options)
{
    private readonly Dictionary<Guid, int> _running = [];

    /// <summary>A slot to dispose when the export ends, or null when the user has none free.</summary>
    public IDisposable? TryEnter(Guid userId)
    {
        lock (_running)
        {
            var count = _running.GetValueOrDefault(userId);
            if (count >= options.Value.MaxConcurrentPerUser) return null;
            _running[userId] = count + 1;
        }
        return new Slot(this, userId);
    }

    private void Leave(Guid userId)
    {
        lock (_running)
        {
            if (_running[userId] <= 1) _running.Remove(userId);
            else _running[userId]--;
        }
    }

    private sealed class Slot(ExportSlots slots, Guid userId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) slots.Leave(userId);
        }
    }
}

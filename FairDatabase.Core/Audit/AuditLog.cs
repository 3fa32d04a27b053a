using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FairDatabase.Core.Audit;

/// <summary>
/// The bounded queue between requests and <see cref="AuditStore"/>, drained by a background loop.
/// A request never waits for the audit write. When the database refuses a batch, or the queue
/// is full, every affected event is written to the application log at Error level (action,
/// user, dataset, request id), so nothing disappears silently.
/// </summary>
public sealed partial class AuditLog(AuditStore store, ILogger<AuditLog> logger) : BackgroundService, IAuditLog
{
    public const int Capacity = 10_000;
    private const int BatchSize = 500;

    private readonly Channel<AuditEvent> _queue = Channel.CreateBounded<AuditEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private long _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public void Record(AuditEvent e)
    {
        lock (_queue)
        {
            if (_pending++ == 0) _idle = NewIdle(completed: false);
        }
        if (!_queue.Writer.TryWrite(e))
        {
            LogLost(logger, "queue full", e.Action, e.UserId, e.DatasetId, e.TableName, e.RequestId, e.Status);
            Done(1);
        }
    }

    public Task FlushAsync(CancellationToken ct)
    {
        lock (_queue) return _idle.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEvent>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var e)) batch.Add(e);
            try
            {
                // Not cancelled by shutdown: what was queued is still written (see StopAsync).
                await store.AppendAsync(batch, CancellationToken.None);
            }
#pragma warning disable CA1031 // Any failure: log every event, keep the loop alive.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var e in batch)
                    LogLost(logger, ex.Message, e.Action, e.UserId, e.DatasetId, e.TableName, e.RequestId, e.Status);
            }
            Done(batch.Count);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private void Done(int count)
    {
        lock (_queue)
        {
            _pending -= count;
            if (_pending == 0) _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event not stored ({Reason}): action={Action} user={UserId} dataset={DatasetId} table={TableName} request={RequestId} status={Status}")]
    private static partial void LogLost(ILogger logger, string reason, string action, Guid? userId, Guid? datasetId, string? tableName, string? requestId, int status);
}

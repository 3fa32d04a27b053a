using Dapper;
using FairDatabase.Core.Audit;
using FairDatabase.Core.Data;
using FairDatabase.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FairDatabase.Tests.Audit;

/// <summary>The background audit writer against the real database: batches are stored, refused batches are logged, never dropped silently.</summary>
[Collection(AppCollection.Name)]
public sealed class AuditLogFailureTests(AppFixture fixture)
{
    [Fact]
    public async Task Stored_events_get_their_dataset_from_the_table_name_and_a_refused_batch_is_logged_event_by_event()
    {
        var logs = new ListLogger();
        var store = fixture.Factory.Services.GetRequiredService<AuditStore>();
        using var audit = new AuditLog(store, logs);
        await audit.StartAsync(CancellationToken.None);
        var owner = Guid.NewGuid();
        var request = "test-" + Guid.NewGuid().ToString("N");

        audit.Record(new AuditEvent(AuditActions.Preview, 200) { UserId = owner, TableName = "no_such_table", RequestId = request, DurationMs = 5 });
        await audit.FlushAsync(CancellationToken.None);
        // The action check in SQL refuses this one; the whole batch fails and must be reported.
        audit.Record(new AuditEvent("Not An Action!", 200) { UserId = owner, RequestId = request + "-bad" });
        await audit.FlushAsync(CancellationToken.None);
        await audit.StopAsync(CancellationToken.None);

        await using var admin = await TestDatabase.OpenAdminAsync();
        var stored = (await admin.QueryAsync<string>("SELECT request_id FROM fairdb.audit_log WHERE user_id = @owner", new { owner })).ToList();
        Assert.Equal([request], stored);
        var error = Assert.Single(logs.Errors);
        Assert.Contains("Not An Action!", error, StringComparison.Ordinal);
        Assert.Contains(request + "-bad", error, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<AuditLog>
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) lock (Errors) Errors.Add(formatter(state, exception));
        }
    }
}

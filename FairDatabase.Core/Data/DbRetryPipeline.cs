using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FairDatabase.Core.Data;

/// <summary>Three attempts with exponential backoff for failures that may pass by themselves.</summary>
public sealed class DbRetryPipeline
{
    public DbRetryPipeline(ILogger<DbRetryPipeline> logger, TimeSpan? baseDelay = null)
    {
        Pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2, // 3 attempts in all
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? TimeSpan.FromMilliseconds(200),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(DbErrors.IsTransient),
                OnRetry = args =>
                {
                    logger.LogWarning("Transient database failure ({Error}); attempt {Attempt} of 3 follows",
                        args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 2);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }
}

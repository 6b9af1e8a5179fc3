using Polly;
using Polly.Retry;

namespace Dailyfeed.Runtime.Resilience;

/// <summary>
/// Retries for remote calls to [ReadOnly] methods only, which are safe to repeat, and only on transient outcomes
/// (a silo or a dependency unavailable). An answer such as "not found" or "forbidden" is never retried; a method that
/// changes state is never retried.
/// </summary>
internal sealed class ReadOnlyRetry(ResilienceProfile profile)
{
    private static readonly HashSet<string> TransientCodes = [SiloUnavailableException.ErrorCode, DependencyUnavailableException.ErrorCode];

    private readonly ResiliencePipeline _pipeline = profile.MaxRetries == 0
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = profile.MaxRetries,
                Delay = profile.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<CodedException>(IsTransient),
                OnRetry = _ =>
                {
                    Telemetry.RuntimeMetrics.Retries.Add(1, new KeyValuePair<string, object?>("edge", "read_only_calls"));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    public static bool IsTransient(CodedException exception) => TransientCodes.Contains(exception.Code);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}

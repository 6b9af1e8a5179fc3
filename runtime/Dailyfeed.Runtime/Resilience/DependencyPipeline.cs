using Dailyfeed.Runtime.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dailyfeed.Runtime.Resilience;

/// <summary>
/// Timeout plus circuit breaker around one dependency. Only infrastructure failures count against the circuit:
/// <see cref="CodedException"/>s are answers (a conflict, a rule), not outages. Infrastructure failures and an open
/// circuit both surface as <see cref="DependencyUnavailableException"/>; once open, calls fail in microseconds
/// instead of waiting on a dead server.
/// </summary>
internal sealed class DependencyPipeline
{
    private readonly ResiliencePipeline _pipeline;
    private readonly string _dependency;

    public DependencyPipeline(string dependency, CircuitBreakerProfile profile, ILogger logger)
    {
        _dependency = dependency;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = profile.FailureRatio,
                MinimumThroughput = profile.MinimumThroughput,
                SamplingDuration = profile.SamplingDuration,
                BreakDuration = profile.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not CodedException and not OperationCanceledException || ex is TimeoutRejectedException),
                OnOpened = args =>
                {
                    State = CircuitState.Open;
                    RuntimeMetrics.CircuitTransitions.Add(1, new("dependency", dependency), new("state", "open"));
                    logger.LogWarning(args.Outcome.Exception, "Circuit to {Dependency} opened for {BreakDuration}", dependency, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    State = CircuitState.HalfOpen;
                    RuntimeMetrics.CircuitTransitions.Add(1, new("dependency", dependency), new("state", "half_open"));
                    logger.LogInformation("Circuit to {Dependency} half-open: probing", dependency);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    State = CircuitState.Closed;
                    RuntimeMetrics.CircuitTransitions.Add(1, new("dependency", dependency), new("state", "closed"));
                    logger.LogInformation("Circuit to {Dependency} closed", dependency);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(profile.Timeout)
            .Build();
    }

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new DependencyUnavailableException(_dependency, ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is not CodedException and not OperationCanceledException))
        {
            // An outage is the dependency's failure, not a bug in the request: callers see 503, never 500.
            throw new DependencyUnavailableException(_dependency, ex);
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync(async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}

using Dailyfeed.Errors;
using Dailyfeed.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using System.Threading.RateLimiting;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Dailyfeed.ServiceDefaults.Resilience;

/// <summary>
/// Rate limit, bulkhead, circuit breaker and timeout around one dependency (outermost first: refusals by the limiters
/// are not the dependency's failures, so they never count against its circuit). Only infrastructure failures count against the circuit:
/// <see cref="CodedException"/>s are answers (a conflict, a rule), not outages. Infrastructure failures and an open
/// circuit both surface as <see cref="DependencyUnavailableException"/>; once open, calls fail in microseconds
/// instead of waiting on a dead server.
/// </summary>
public sealed class DependencyPipeline
{
    private readonly ResiliencePipeline _pipeline;
    private readonly string _dependency;
    private DateTime _openUntil;

    public DependencyPipeline(string dependency, ResilienceProfile profile, ILogger logger)
    {
        _dependency = dependency;
        var builder = new ResiliencePipelineBuilder();
        if (profile.PermitsPerSecond > 0)
        {
            var limiter = RateLimiterFor(profile);
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken),
                OnRejected = _ => CountRefusal("rate_limit"),
            });
        }

        _pipeline = builder
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                DefaultRateLimiterOptions = new ConcurrencyLimiterOptions { PermitLimit = profile.MaxConcurrentCalls, QueueLimit = profile.MaxQueuedCalls },
                OnRejected = _ => CountRefusal("bulkhead"),
            })
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
                    _openUntil = DateTime.UtcNow + args.BreakDuration;
                    PlatformMetrics.CircuitTransitions.Add(1, new("dependency", dependency), new("state", "open"));
                    logger.LogWarning(args.Outcome.Exception, "Circuit to {Dependency} opened for {BreakDuration}", dependency, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    State = CircuitState.HalfOpen;
                    PlatformMetrics.CircuitTransitions.Add(1, new("dependency", dependency), new("state", "half_open"));
                    logger.LogInformation("Circuit to {Dependency} half-open: probing", dependency);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    State = CircuitState.Closed;
                    PlatformMetrics.CircuitTransitions.Add(1, new("dependency", dependency), new("state", "closed"));
                    logger.LogInformation("Circuit to {Dependency} closed", dependency);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(profile.Timeout)
            .Build();
    }

    public CircuitState State { get; private set; } = CircuitState.Closed;

    /// <summary>
    /// True while the break lasts. Polly moves to half-open only when a call arrives, so a caller that skips work while
    /// the circuit is open asks this, not <see cref="State"/>, or it would never probe again.
    /// </summary>
    public bool IsBreaking => State == CircuitState.Open && DateTime.UtcNow < _openUntil;

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (RateLimiterRejectedException ex)
        {
            // Counted by the limiter that refused it (rate limit or bulkhead).
            throw new DependencyUnavailableException(_dependency, ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is not CodedException and not OperationCanceledException))
        {
            CountRefusal(ex);
            // An open circuit or an outage is the dependency's failure, not a bug in the request: callers see 503, never 500.
            throw new DependencyUnavailableException(_dependency, ex);
        }
    }

    private void CountRefusal(Exception exception) => CountRefusal(exception switch
    {
        BrokenCircuitException => "open_circuit",
        TimeoutRejectedException => "timeout",
        _ => "failure",
    });

    private ValueTask CountRefusal(string reason)
    {
        PlatformMetrics.DependencyRefusals.Add(1, new KeyValuePair<string, object?>("dependency", _dependency), new KeyValuePair<string, object?>("reason", reason));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Permits replenish every <see cref="ResilienceProfile.PermitWait"/> (or second), so a call waits at most about
    /// that long for one; with no wait, a call beyond the budget is refused at once.
    /// </summary>
    private static TokenBucketRateLimiter RateLimiterFor(ResilienceProfile profile)
    {
        var period = profile.PermitWait > TimeSpan.Zero ? profile.PermitWait : TimeSpan.FromSeconds(1);
        var perPeriod = Math.Max(1, (int)(profile.PermitsPerSecond * period.TotalSeconds));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perPeriod,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = profile.PermitWait > TimeSpan.Zero ? perPeriod : 0,
            AutoReplenishment = true,
        });
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync(async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}

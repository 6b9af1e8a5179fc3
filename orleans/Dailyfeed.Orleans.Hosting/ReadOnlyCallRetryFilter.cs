using System.Collections.Concurrent;
using System.Reflection;
using Dailyfeed.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using global::Orleans;
using global::Orleans.Concurrency;
using global::Orleans.Runtime;
using global::Orleans.Runtime.Messaging;
using Dailyfeed.ServiceDefaults.Resilience;

namespace Dailyfeed.Orleans.Hosting;

/// <summary>
/// Retries a call to a [ReadOnly] grain method when its silo is gone or unreachable, or (a bounded number of times)
/// when its answer never came: repeating a read changes nothing, and the retry is placed afresh, so a read that raced
/// a silo failure is answered by the grain's new activation instead of failing. Writes are never retried here (the
/// first attempt may have run).
/// </summary>
internal sealed class ReadOnlyCallRetryFilter(IOptions<ResilienceOptions> options) : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> ReadOnlyMethods = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { } method || !ReadOnlyMethods.GetOrAdd(method, m => m.IsDefined(typeof(ReadOnlyAttribute))))
        {
            await context.Invoke().ConfigureAwait(false);
            return;
        }

        var profile = options.Value.ReadOnlyCalls;
        var timeouts = 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await context.Invoke().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < profile.MaxRetries && IsRetryable(ex, timeouts, profile))
            {
                timeouts += ex is TimeoutException ? 1 : 0;
                PlatformMetrics.Retries.Add(1, new KeyValuePair<string, object?>("edge", "read_only_grain_call"));
                await Task.Delay(profile.RetryBaseDelay * (1 << attempt)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A silo failure always; a timeout (the answer never came) while the profile's allowance for timeouts lasts.</summary>
    private static bool IsRetryable(Exception exception, int timeoutsSoFar, ResilienceProfile profile) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException
        || (exception is TimeoutException && timeoutsSoFar < profile.MaxRetriesAfterTimeout);
}

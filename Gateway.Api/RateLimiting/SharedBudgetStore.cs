using Dailyfeed.Gateway.Api.Redis;
using StackExchange.Redis;

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>
/// Budgets every gateway draws from: one Redis counter per budget, partition and window. A gateway takes a block of
/// permits (a lease) at a time, so Redis sees one command per lease rather than one per request.
/// </summary>
public sealed class SharedBudgetStore(RedisConnection redis, TimeProvider time, ILogger<SharedBudgetStore> logger)
{
    // Grants up to ARGV[2] permits while the window's total stays within ARGV[1]; the first grant sets the expiry.
    // Atomic in Redis, so concurrent gateways can never lease more than the limit between them.
    private static readonly LuaScript LeaseScript = LuaScript.Prepare(
        """
        local used = tonumber(redis.call('GET', @key) or '0')
        local grant = math.min(tonumber(@wanted), tonumber(@limit) - used)
        if grant <= 0 then return 0 end
        redis.call('INCRBY', @key, grant)
        if used == 0 then redis.call('PEXPIRE', @key, @expiry) end
        return grant
        """);

    private long _unavailableUntil;
    private int _reportedUnavailable;

    /// <summary>False while Redis is disconnected or within the pause after a failed command: callers decide alone.</summary>
    public bool IsAvailable
    {
        get
        {
            var available = redis.ConnectedDatabase is not null && time.GetTimestamp() >= Volatile.Read(ref _unavailableUntil);
            ReportTransition(available);
            return available;
        }
    }

    /// <summary>Permits granted for the window (0: the shared budget is spent), or null when Redis did not answer.</summary>
    public async Task<int?> LeaseAsync(string budget, string partition, long window, int limit, int wanted, TimeSpan windowLength)
    {
        if (redis.ConnectedDatabase is not { } database)
        {
            return null;
        }

        var key = (RedisKey)$"{redis.Options.KeyPrefix}ratelimit:{budget}:{window}:{partition}";
        // Kept a window past its end, so a gateway whose clock runs a little behind still finds the same counter.
        var expiry = (long)(windowLength.TotalMilliseconds * 2);
        try
        {
            var granted = await database.ScriptEvaluateAsync(LeaseScript, new { key, limit, wanted, expiry })
                .WaitAsync(redis.Options.OperationTimeout).ConfigureAwait(false);
            return (int)granted;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Volatile.Write(ref _unavailableUntil, time.GetTimestamp() + (long)(redis.Options.RetryAfterFailure.TotalSeconds * time.TimestampFrequency));
            logger.LogWarning(e, "Redis did not answer a budget lease; each gateway keeps its own budget for {Pause}", redis.Options.RetryAfterFailure);
            return null;
        }
    }

    private void ReportTransition(bool available)
    {
        var unavailable = available ? 0 : 1;
        if (Interlocked.Exchange(ref _reportedUnavailable, unavailable) == unavailable)
        {
            return;
        }

        if (available)
        {
            logger.LogInformation("Redis is back: rate-limit budgets are shared by every gateway again");
        }
        else
        {
            logger.LogWarning("Redis is unreachable: each gateway enforces rate-limit budgets alone until it is back");
        }
    }
}

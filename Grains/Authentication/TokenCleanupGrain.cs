using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// Sweeps every session-expiry bucket that lies wholly in the past (a session may have been refreshed since it was
/// indexed, so each one checks its own expiry before deleting), then prunes the blacklist.
/// </summary>
public sealed class TokenCleanupGrain(
    [PersistentState("token_cleanup")] IPersistentState<TokenCleanupState> cleanup,
    IOptions<AuthenticationOptions> options,
    TimeProvider clock,
    ILogger<TokenCleanupGrain> logger) : Grain, ITokenCleanupGrain
{
    public const string ReminderName = "cleanup-tokens";

    public async Task<TokenCleanupResult> CleanupAsync()
    {
        var width = options.Value.SessionExpiryBucket;
        var lastPast = SessionExpiryBuckets.Of(clock.GetUtcNow(), width) - 1;
        var first = cleanup.State.LastSweptBucket + 1 ?? lastPast - (long)Math.Ceiling(options.Value.RefreshTokenLifetime / width);
        var deleted = 0;
        for (var bucket = first; bucket <= lastPast; bucket++)
        {
            var families = await GrainFactory.GetGrain<ISessionExpiryIndexGrain>(bucket).DrainAsync();
            var results = await Task.WhenAll(families.Select(f => GrainFactory.GetGrain<IRefreshSessionGrain>(f).DeleteIfExpiredAsync()));
            deleted += results.Count(r => r);
        }

        if (cleanup.State.LastSweptBucket != lastPast)
        {
            // Written once per pass: re-sweeping after a crash only drains buckets that are already empty.
            cleanup.State.LastSweptBucket = lastPast;
            await cleanup.WriteStateAsync();
        }

        var pruned = await GrainFactory.GetGrain<ITokenBlacklistGrain>(TokenBlacklist.Key).PruneExpiredAsync();
        logger.LogInformation("Token cleanup deleted {Sessions} expired refresh sessions and {Entries} blacklist entries", deleted, pruned);
        return new TokenCleanupResult(deleted, pruned);
    }

    public async Task EnsureScheduledAsync()
    {
        var interval = options.Value.CleanupInterval;
        if (!(await GetRemindersAsync()).Any(r => r.Name == ReminderName && r.Period == interval))
        {
            await RegisterOrUpdateReminderAsync(ReminderName, interval, interval);
        }
    }

    public Task ReceiveReminderAsync(string reminderName, TickStatus status) => CleanupAsync();
}

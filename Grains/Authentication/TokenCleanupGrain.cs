using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Grains.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// Sweeps every session-expiry bucket that lies wholly in the past (a session may have been refreshed since it was
/// indexed, so each one checks its own expiry before deleting), then prunes the blacklist.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class TokenCleanupGrain(
    [PersistentState("token_cleanup")] IPersistentState<TokenCleanupState> cleanup,
    IOptions<AuthenticationOptions> options,
    TimeProvider clock,
    ILogger<TokenCleanupGrain> logger) : Grain, ITokenCleanupGrain, IRemindable
{
    public const string ReminderName = "cleanup-tokens";

    public async Task<TokenCleanupResult> CleanupAsync()
    {
        var lastPast = LastPastBucket();
        var first = cleanup.State.LastSweptBucket + 1 ?? FirstUnswept(lastPast);
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
        if (cleanup.State.LastSweptBucket is null)
        {
            // The first pass sweeps from here on. Looking back a session's lifetime from the first pass instead misses
            // the sessions that expired longer ago than that, when the pass comes late (a manual run, or a reminder
            // delayed past the lifetime).
            cleanup.State.LastSweptBucket = FirstUnswept(LastPastBucket()) - 1;
            await cleanup.WriteStateAsync();
        }

        await PeriodicReminders.EnsureAsync(this, ReminderName, options.Value.CleanupInterval);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        PeriodicReminders.IsOf(ReminderName, reminderName) ? CleanupAsync() : Task.CompletedTask;

    private long LastPastBucket() => SessionExpiryBuckets.Of(clock.GetUtcNow(), options.Value.SessionExpiryBucket) - 1;

    /// <summary>With nothing swept yet, the oldest bucket a session issued within one lifetime can expire in.</summary>
    private long FirstUnswept(long lastPast) =>
        lastPast - (long)Math.Ceiling(options.Value.RefreshTokenLifetime / options.Value.SessionExpiryBucket);
}

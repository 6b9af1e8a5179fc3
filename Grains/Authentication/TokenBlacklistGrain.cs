using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// The durable blacklist of logged-out access tokens. Entries live only until the token's own expiry, so the list
/// stays as small as the number of logouts within one access-token lifetime.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class TokenBlacklistGrain(
    [PersistentState("jwt_blacklist")] IPersistentState<TokenBlacklistState> blacklist,
    TimeProvider clock) : Grain, ITokenBlacklistGrain
{
    public async Task AddAsync(BlacklistEntry entry)
    {
        if (blacklist.State.Entries.Any(e => e.Entry.Jti == entry.Jti))
        {
            return;
        }

        blacklist.State.Version++;
        blacklist.State.Entries.Add(new TokenBlacklistState.SequencedEntry(blacklist.State.Version, entry));
        await blacklist.WriteStateAsync();
    }

    public Task<BlacklistChanges> GetChangesSinceAsync(long version)
    {
        var entries = blacklist.State.Entries.Where(e => e.Sequence > version).Select(e => e.Entry).ToList();
        return Task.FromResult(new BlacklistChanges(blacklist.State.Version, entries));
    }

    public async Task<int> PruneExpiredAsync()
    {
        var now = clock.GetUtcNow();
        var removed = blacklist.State.Entries.RemoveAll(e => e.Entry.ExpiresAt <= now);
        if (removed > 0)
        {
            await blacklist.WriteStateAsync();
        }

        return removed;
    }
}

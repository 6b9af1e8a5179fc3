using System.Collections.Concurrent;
using Dailyfeed.Grains.Abstractions.Authentication;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>
/// Every gateway's in-memory copy of the access-token blacklist, pulled from the blacklist grain on a short interval,
/// so a logged-out token is refused everywhere within one poll interval and no request pays a database round trip.
/// </summary>
public sealed class TokenBlacklistCache(
    IGrainFactory grains,
    IOptions<JwtOptions> options,
    TimeProvider clock,
    ILogger<TokenBlacklistCache> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blacklisted = new(StringComparer.Ordinal);
    private long _version;

    public bool IsBlacklisted(string jti) => _blacklisted.ContainsKey(jti);

    /// <summary>Records a logout made through this gateway at once, ahead of the next poll.</summary>
    public void Add(BlacklistEntry entry) => _blacklisted[entry.Jti] = entry.ExpiresAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BlacklistPollInterval);
        do
        {
            try
            {
                var changes = await grains.GetGrain<ITokenBlacklistGrain>(TokenBlacklist.Key).GetChangesSinceAsync(_version);
                foreach (var entry in changes.Entries)
                {
                    _blacklisted[entry.Jti] = entry.ExpiresAt;
                }

                _version = changes.Version;
                var now = clock.GetUtcNow();
                foreach (var (jti, expiresAt) in _blacklisted)
                {
                    if (expiresAt <= now)
                    {
                        _blacklisted.TryRemove(jti, out _);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep the last known list; expired tokens still fail on their own expiry.
                logger.LogWarning(ex, "Could not refresh the token blacklist");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

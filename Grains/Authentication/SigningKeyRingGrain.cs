using System.Security.Cryptography;
using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Grains.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// Owns the cluster's JWT signing keys. Rotation makes a fresh primary and gives the old one a grace window; once the
/// window closes the key turns inactive (tokens signed by it must refresh) and is finally forgotten.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class SigningKeyRingGrain(
    [PersistentState("jwt_keys")] IPersistentState<SigningKeyRingState> ring,
    IOptions<AuthenticationOptions> options,
    TimeProvider clock,
    ILogger<SigningKeyRingGrain> logger) : Grain, ISigningKeyRingGrain, IRemindable
{
    public const string RotationReminder = "rotate-signing-key";

    private readonly AuthenticationOptions _options = options.Value;

    public async Task<SigningKeySet> GetKeysAsync()
    {
        if (ring.State.Keys.Count == 0 || ExpireKeys())
        {
            if (ring.State.Keys.All(k => !k.IsPrimary))
            {
                ring.State.Keys.Add(NewPrimaryKey());
            }

            await SaveAsync();
        }

        return Snapshot();
    }

    public async Task<SigningKeySet> RotateAsync()
    {
        var now = clock.GetUtcNow();
        ring.State.Keys = ring.State.Keys
            .Select(k => k.IsPrimary ? k with { IsPrimary = false, VerifyUntil = now + _options.KeyGracePeriod } : k)
            .Append(NewPrimaryKey())
            .ToList();
        ExpireKeys();
        await SaveAsync();
        logger.LogInformation("Rotated the JWT signing key; primary is now {KeyId}", ring.State.Keys.Single(k => k.IsPrimary).KeyId);
        return Snapshot();
    }

    public async Task EnsureScheduledAsync()
    {
        await PeriodicReminders.EnsureAsync(this, RotationReminder, _options.KeyRotationInterval);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (PeriodicReminders.IsOf(RotationReminder, reminderName))
        {
            await RotateAsync();
        }
    }

    /// <summary>
    /// Turns keys past their grace window inactive, deletes long-expired ones (keeping their ids a while longer) and
    /// drops ids past their retention; true when anything changed.
    /// </summary>
    private bool ExpireKeys()
    {
        var now = clock.GetUtcNow();
        var changed = false;
        var kept = new List<SigningKey>();
        foreach (var key in ring.State.Keys)
        {
            if (key.VerifyUntil is { } until && until + _options.ExpiredKeyRetention <= now)
            {
                ring.State.ForgottenKeys[key.KeyId] = now;
                changed = true;
                continue;
            }

            var expired = key is { IsPrimary: false, IsActive: true, VerifyUntil: { } end } && end <= now;
            kept.Add(expired ? key with { IsActive = false } : key);
            changed |= expired;
        }

        ring.State.Keys = kept;
        foreach (var (keyId, forgottenAt) in ring.State.ForgottenKeys.ToList())
        {
            if (forgottenAt + _options.ForgottenKeyIdRetention <= now)
            {
                changed |= ring.State.ForgottenKeys.Remove(keyId);
            }
        }

        return changed;
    }

    private SigningKey NewPrimaryKey() => new(
        KeyId: Guid.NewGuid().ToString("N"),
        Secret: RandomNumberGenerator.GetBytes(_options.SigningKeyBytes),
        IsPrimary: true,
        IsActive: true,
        CreatedAt: clock.GetUtcNow(),
        VerifyUntil: null);

    private async Task SaveAsync()
    {
        ring.State.Version++;
        await ring.WriteStateAsync();
    }

    private SigningKeySet Snapshot() => new(ring.State.Version, ring.State.Keys.ToList(), ring.State.ForgottenKeys.Keys.ToList());
}

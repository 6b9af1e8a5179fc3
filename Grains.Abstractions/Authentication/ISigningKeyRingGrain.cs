
namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>
/// The JWT signing keys of the whole cluster (one grain, key <see cref="SigningKeyRing.Key"/>). A durable reminder
/// rotates the primary key on schedule; retired keys verify during the grace window, then expire.
/// </summary>
[Alias("dailyfeed.authentication.ISigningKeyRingGrain")]
public interface ISigningKeyRingGrain : IGrainWithStringKey
{
    /// <summary>The current keys; creates the first primary key when the ring is empty.</summary>
    Task<SigningKeySet> GetKeysAsync();

    /// <summary>Makes a new primary key now; the old primary keeps verifying for the grace window.</summary>
    Task<SigningKeySet> RotateAsync();

    /// <summary>Ensures the rotation and cleanup reminders are registered (idempotent; called at startup).</summary>
    Task EnsureScheduledAsync();
}

public static class SigningKeyRing
{
    public const string Key = "jwt";
}

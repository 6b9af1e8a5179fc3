using Dailyfeed.Grains.Abstractions.Authentication;

namespace Dailyfeed.Grains.Authentication;

/// <summary>The jwt_keys set as one durable record: every change bumps <see cref="Version"/>.</summary>
public sealed class SigningKeyRingState
{
    public long Version { get; set; }

    public List<SigningKey> Keys { get; set; } = [];

    /// <summary>Deleted keys by id and deletion time, kept for <see cref="AuthenticationOptions.ForgottenKeyIdRetention"/>.</summary>
    public Dictionary<string, DateTimeOffset> ForgottenKeys { get; set; } = [];
}

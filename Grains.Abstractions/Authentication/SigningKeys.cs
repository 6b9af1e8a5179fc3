namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>
/// One row of the jwt_keys set: the key id is the JWT "kid". The primary key signs; other active keys still verify
/// until <see cref="VerifyUntil"/> (the grace window after they stop being primary).
/// </summary>
public sealed record SigningKey(
    string KeyId,
    byte[] Secret,
    bool IsPrimary,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset? VerifyUntil);

/// <summary>All known keys and a version that changes with every rotation, so caches know when to refresh.</summary>
/// <param name="ForgottenKeyIds">
/// Ids of keys deleted after their retention, secrets gone: a token naming one is old, not forged, and its holder should
/// refresh rather than be told its token is invalid.
/// </param>
public sealed record SigningKeySet(long Version, IReadOnlyList<SigningKey> Keys, IReadOnlyList<string> ForgottenKeyIds);

namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>
/// One row of the jwt_keys set: the key id is the JWT "kid". The primary key signs; other active keys still verify
/// until <see cref="VerifyUntil"/> (the grace window after they stop being primary).
/// </summary>
/// <remarks>Not [Immutable]: <see cref="Secret"/> is an array anyone holding it could change.</remarks>
[GenerateSerializer, Alias("dailyfeed.authentication.SigningKey")]
public sealed record SigningKey(
    [Id(0)] string KeyId,
    [Id(1)] byte[] Secret,
    [Id(2)] bool IsPrimary,
    [Id(3)] bool IsActive,
    [Id(4)] DateTimeOffset CreatedAt,
    [Id(5)] DateTimeOffset? VerifyUntil);

/// <summary>All known keys and a version that changes with every rotation, so caches know when to refresh.</summary>
/// <param name="ForgottenKeyIds">
/// Ids of keys deleted after their retention, secrets gone: a token naming one is old, not forged, and its holder should
/// refresh rather than be told its token is invalid.
/// </param>
[GenerateSerializer, Alias("dailyfeed.authentication.SigningKeySet")]
public sealed record SigningKeySet(
    [Id(0)] long Version,
    [Id(1)] IReadOnlyList<SigningKey> Keys,
    [Id(2)] IReadOnlyList<string> ForgottenKeyIds);

namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>A refresh token handed to a client: opaque text for the cookie, its expiry for the cookie's Max-Age.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.authentication.IssuedRefreshToken")]
public sealed record IssuedRefreshToken([Id(0)] string Value, [Id(1)] DateTimeOffset ExpiresAt);

/// <summary>What a successful refresh yields: the member to issue an access token for and the rotated refresh token.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.authentication.RefreshOutcome")]
public sealed record RefreshOutcome([Id(0)] long MemberId, [Id(1)] IssuedRefreshToken RefreshToken);

/// <summary>Where a refresh token was used from, recorded with the session (as the original's device_info/ip_address).</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.authentication.ClientInfo")]
public sealed record ClientInfo([Id(0)] string? DeviceInfo, [Id(1)] string? IpAddress);

namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>A refresh token handed to a client: opaque text for the cookie, its expiry for the cookie's Max-Age.</summary>
public sealed record IssuedRefreshToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>What a successful refresh yields: the member to issue an access token for and the rotated refresh token.</summary>
public sealed record RefreshOutcome(long MemberId, IssuedRefreshToken RefreshToken);

/// <summary>Where a refresh token was used from, recorded with the session (as the original's device_info/ip_address).</summary>
public sealed record ClientInfo(string? DeviceInfo, string? IpAddress);

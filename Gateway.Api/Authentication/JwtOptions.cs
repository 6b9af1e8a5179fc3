namespace Dailyfeed.Gateway.Api.Authentication;

/// <summary>Access-token and cookie settings of the gateway (configuration section Dailyfeed:Jwt).</summary>
public sealed class JwtOptions
{
    public const string Section = "Dailyfeed:Jwt";

    public string Issuer { get; set; } = "dailyfeed";

    public string Audience { get; set; } = "dailyfeed-api";

    /// <summary>Access-token life; short, because a refresh costs only one call.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerated clock difference between the gateway that issued a token and the one checking it.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public string RefreshCookieName { get; set; } = "refresh_token";

    /// <summary>How often the gateway re-reads the signing keys (also re-read at once on an unknown kid).</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after its last successful read the gateway goes on verifying with the keys it holds when a re-read fails
    /// because the cluster or its database is down. Keys change only by rotation, which needs the same database; past
    /// this the failure reaches the request (a 503), so a gateway cut off for long does not trust keys forever.
    /// </summary>
    public TimeSpan KeyRefreshFailureTolerance { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Least time between two unknown-kid refreshes, so garbage tokens cannot hammer the key ring.</summary>
    public TimeSpan UnknownKeyRefreshCooldown { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the gateway pulls new blacklist entries: the bound on how long a logged-out token survives.</summary>
    public TimeSpan BlacklistPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Verified tokens remembered per gateway (by their text, until they expire); 0 verifies every request.</summary>
    public int ValidatedTokenCacheSize { get; set; } = 20_000;
}

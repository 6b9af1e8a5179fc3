namespace Dailyfeed.Grains.Authentication;

/// <summary>Signing-key and refresh-token policy (configuration section Dailyfeed:Authentication).</summary>
public sealed class AuthenticationOptions
{
    public const string Section = "Dailyfeed:Authentication";

    /// <summary>How often a new primary signing key is made (the original's batch rotated hourly).</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a retired key keeps verifying. Match the access-token lifetime so no valid token is cut short.</summary>
    public TimeSpan KeyGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an expired key stays known, so its tokens get "refresh needed" rather than "invalid".</summary>
    public TimeSpan ExpiredKeyRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a deleted key's id (not its secret) stays known, so a tab left open for days still gets "refresh needed"
    /// for its old token instead of being logged out. Hourly rotation keeps ~170 ids at the default.
    /// </summary>
    public TimeSpan ForgottenKeyIdRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired keys and blacklist entries are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Width of one session-expiry bucket: cleanup deletes a bucket's sessions once the bucket has passed.</summary>
    public TimeSpan SessionExpiryBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bytes of a signing secret (HMAC-SHA256 wants at least 32).</summary>
    public int SigningKeyBytes { get; set; } = 32;

    /// <summary>Life of one refresh token; every refresh issues a new one (the cookie's Max-Age).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Random bytes in a refresh token's secret part.</summary>
    public int RefreshSecretBytes { get; set; } = 32;

    /// <summary>Pause between attempts to schedule the key-ring reminders while the cluster is still starting.</summary>
    public TimeSpan StartupRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Rotated-away token ids remembered per session for theft detection.</summary>
    public int RememberedRotatedTokens { get; set; } = 64;
}

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>Request budgets per client IP and per member (configuration section Dailyfeed:RateLimiting).</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "Dailyfeed:RateLimiting";

    /// <summary>Requests one IP may make per <see cref="Window"/> (the original's critical profile allowed 200/s).</summary>
    public int PerIpPermitLimit { get; set; } = 200;

    /// <summary>Requests one member may make per <see cref="Window"/>, whatever IP they come from.</summary>
    public int PerMemberPermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With Redis: permits a gateway takes from a shared budget at a time. Larger means fewer Redis commands (one per
    /// lease) but a coarser budget: up to gateways × (lease − 1) permits per window may go unspent (see SharedWindowRateLimiter).
    /// </summary>
    public int LeaseSize { get; set; } = 10;
}

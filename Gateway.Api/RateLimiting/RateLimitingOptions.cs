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
}

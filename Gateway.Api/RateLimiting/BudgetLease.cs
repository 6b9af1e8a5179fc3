using System.Threading.RateLimiting;

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>A shared-budget decision. Fixed-window permits are spent, not returned, so a lease holds nothing to release.</summary>
internal sealed class BudgetLease : RateLimitLease
{
    public static readonly BudgetLease Granted = new(true);
    public static readonly BudgetLease Refused = new(false);

    private BudgetLease(bool acquired) => IsAcquired = acquired;

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}

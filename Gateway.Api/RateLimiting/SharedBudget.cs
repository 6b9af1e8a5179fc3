namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>One kind of budget ("ip" or "member"): its limit per window and how many permits a gateway leases at a time.</summary>
internal sealed record SharedBudget(string Name, int Limit, TimeSpan Window, int LeaseSize, SharedBudgetStore Store, TimeProvider Time);

using System.Threading.RateLimiting;
using Dailyfeed.Gateway.Api.Telemetry;

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>
/// One partition's fixed-window budget (one client IP, or one member) shared by every gateway through Redis.
/// </summary>
/// <remarks>
/// Windows are aligned to the Unix epoch, so every gateway counts the same window. A gateway leases blocks of
/// <see cref="RateLimitingOptions.LeaseSize"/> permits from the window's Redis counter and spends them locally: the
/// hot path takes a lock and decrements, and only one request in a lease waits for Redis (AttemptAcquire spends
/// local permits; a refill happens in AcquireAsync, which the rate-limiting middleware calls when AttemptAcquire fails).
/// Precision: Redis never grants more than the limit per window, so with Redis up the gateways together admit at most
/// the limit (plus what clock skew between gateways lets straddle a window edge). Leased permits a gateway does not
/// spend are lost, so a partition spread over N gateways may be refused up to N × (lease − 1) permits early.
/// With Redis down or slow each gateway falls back to its own count of the window (the in-process behaviour, so
/// N gateways admit up to N × the limit), counted in dailyfeed_rate_limit_local_fallbacks_total; never an error.
/// </remarks>
internal sealed class SharedWindowRateLimiter(SharedBudget budget, string partition) : RateLimiter
{
    // A refill whose permits other requests took first is retried once; after that the budget is contended enough to refuse.
    private const int RefillsPerAcquire = 2;

    private readonly Lock _gate = new();
    private long _window = -1;
    private int _leased;
    private int _admittedHere;
    private bool _sharedBudgetSpent;
    private Task _refill = Task.CompletedTask;
    private long _lastUsed = budget.Time.GetTimestamp();

    public override TimeSpan? IdleDuration => _refill.IsCompleted ? budget.Time.GetElapsedTime(Volatile.Read(ref _lastUsed)) : null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _leased };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ValidateOrThrow(permitCount);
        lock (_gate)
        {
            return TryDecideLocally(permitCount) ?? BudgetLease.Refused;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ValidateOrThrow(permitCount);
        for (var refills = 0; refills < RefillsPerAcquire; refills++)
        {
            Task refill;
            lock (_gate)
            {
                if (TryDecideLocally(permitCount) is { } decided)
                {
                    return decided;
                }

                if (_refill.IsCompleted)
                {
                    _refill = RefillAsync(_window, permitCount);
                }

                refill = _refill;
            }

            await refill.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return TryDecideLocally(permitCount) ?? BudgetLease.Refused;
        }
    }

    /// <summary>A decision without asking Redis, or null when only a new lease can tell. Called under the lock.</summary>
    private RateLimitLease? TryDecideLocally(int permitCount)
    {
        RollWindow();
        Volatile.Write(ref _lastUsed, budget.Time.GetTimestamp());
        if (permitCount == 0)
        {
            return BudgetLease.Granted;
        }

        if (_leased >= permitCount)
        {
            _leased -= permitCount;
            return Admit(permitCount);
        }

        if (_sharedBudgetSpent)
        {
            return BudgetLease.Refused;
        }

        if (!budget.Store.IsAvailable)
        {
            GatewayMetrics.RateLimitLocalFallbacks.Add(1, new KeyValuePair<string, object?>("budget", budget.Name));
            return _admittedHere + permitCount <= budget.Limit ? Admit(permitCount) : BudgetLease.Refused;
        }

        return null;
    }

    private RateLimitLease Admit(int permitCount)
    {
        // Counted in every mode, so a fallback in the middle of a window starts from what this gateway already let in.
        _admittedHere += permitCount;
        return BudgetLease.Granted;
    }

    private async Task RefillAsync(long window, int permitCount)
    {
        var granted = await budget.Store.LeaseAsync(budget.Name, partition, window, budget.Limit, Math.Max(budget.LeaseSize, permitCount), budget.Window)
            .ConfigureAwait(false);
        lock (_gate)
        {
            // A lease for a window that has passed is worth nothing; null (no answer) leaves the decision to the fallback.
            if (window != _window || granted is null)
            {
                return;
            }

            _leased += granted.Value;
            _sharedBudgetSpent = granted.Value == 0;
        }
    }

    private void RollWindow()
    {
        var window = budget.Time.GetUtcNow().ToUnixTimeMilliseconds() / (long)budget.Window.TotalMilliseconds;
        if (window == _window)
        {
            return;
        }

        _window = window;
        _leased = 0;
        _admittedHere = 0;
        _sharedBudgetSpent = false;
    }

    private void ValidateOrThrow(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, budget.Limit);
}

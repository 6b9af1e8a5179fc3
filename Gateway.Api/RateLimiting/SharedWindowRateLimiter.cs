using System.Threading.RateLimiting;
using Dailyfeed.Gateway.Api.Telemetry;

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>
/// One partition's fixed-window budget (one client IP, or one member) shared by every gateway through Redis.
/// </summary>
/// <remarks>
/// Windows are aligned to the Unix epoch, so every gateway counts the same window. A gateway leases blocks of
/// <see cref="RateLimitingOptions.LeaseSize"/> permits (more for a partition it admits many of: one eighth of what it
/// admitted in this window or the last) from the window's Redis counter and spends them locally: the hot path takes a lock and
/// decrements. The next lease is fetched in the background when half of the last one is spent; a request waits for
/// Redis only when the local permits run out first (AttemptAcquire spends local permits; the wait happens in
/// AcquireAsync, which the rate-limiting middleware calls when AttemptAcquire fails).
/// Precision: Redis never grants more than the limit per window, so with Redis up the gateways together admit at most
/// the limit (plus what clock skew between gateways lets straddle a window edge). Leased permits a gateway does not
/// spend are lost, so a partition spread over N gateways may be refused up to N × (lease − 1) permits early, the lease
/// being max(LeaseSize, admitted here in this or the last window / 8) plus the requests waiting, and up to one lease more per gateway
/// for the one fetched ahead.
/// With Redis down or slow each gateway falls back to its own count of the window (the in-process behaviour, so
/// N gateways admit up to N × the limit), counted in dailyfeed_rate_limit_local_fallbacks_total; never an error.
/// </remarks>
internal sealed class SharedWindowRateLimiter(SharedBudget budget, string partition) : RateLimiter
{
    // Each refill asks for every waiting request, so a waiter is served by the next one or two; the cap only stops a
    // pathological loop (permits always taken by others first), and refusing then is the contended budget's answer.
    private const int RefillsPerAcquire = 8;

    // A gateway that admits many requests of one partition in a window leases this share of that count at a time, so a
    // hot partition does not wait for Redis every LeaseSize requests. Budgets of realistic size keep LeaseSize.
    private const int AdmittedPerLeaseGrowth = 8;

    // A new lease is fetched in the background once fewer than this share of the last lease is left.
    private const int PrefetchBelowFraction = 2;

    private readonly Lock _gate = new();
    private long _window = -1;
    private int _leased;
    private int _admittedHere;
    private int _admittedHereLastWindow;
    private bool _sharedBudgetSpent;
    private int _waiting;
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

                _waiting += permitCount;
                if (_refill.IsCompleted)
                {
                    _refill = RefillAsync(_window);
                }

                refill = _refill;
            }

            try
            {
                await refill.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _waiting -= permitCount;
                }
            }
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
            PrefetchIfRunningLow();
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

    /// <summary>Permits to ask for: the configured lease, more for a partition this gateway admits a lot of, and every waiter.</summary>
    private int LeaseWanted() =>
        Math.Max(budget.LeaseSize, Math.Max(_admittedHere, _admittedHereLastWindow) / AdmittedPerLeaseGrowth) + _waiting;

    private void PrefetchIfRunningLow()
    {
        if (_leased < LeaseWanted() / PrefetchBelowFraction && _refill.IsCompleted && budget.Store.IsAvailable)
        {
            _refill = RefillAsync(_window);
        }
    }

    /// <summary>Started under the lock; the wanted size is read there, the answer applied under it again.</summary>
    private async Task RefillAsync(long window)
    {
        var wanted = LeaseWanted();
        var granted = await budget.Store.LeaseAsync(budget.Name, partition, window, budget.Limit, wanted, budget.Window)
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

        // The last window's pace sizes the first leases of this one, so a hot partition does not start small every window.
        _admittedHereLastWindow = window == _window + 1 ? _admittedHere : 0;
        _window = window;
        _leased = 0;
        _admittedHere = 0;
        _sharedBudgetSpent = false;
    }

    private void ValidateOrThrow(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, budget.Limit);
}

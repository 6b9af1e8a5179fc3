using System.Collections.Concurrent;
using Dailyfeed.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Membership;

/// <summary>
/// Keeps this node's view of the cluster: renews the local silo's lease (silos only) and re-reads the live rows.
/// A silo that refuses connections is suspected locally at once, and stays out of the view until its heartbeat
/// moves again or the lease lapses for everyone.
/// </summary>
internal sealed class ClusterMembershipService(
    IMembershipTable table,
    IOptions<MembershipOptions> options,
    ILogger<ClusterMembershipService> logger) : IClusterMembership
{
    private readonly MembershipOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _suspectedAtHeartbeat = new();
    private IReadOnlyList<SiloEntry> _lastRows = [];
    private SiloEntry? _local;
    private PeriodicLoop? _loop;
    private DateTime _lastHeartbeat = DateTime.UtcNow;
    private DateTime _lastRefresh = DateTime.UtcNow;
    private DateTime _lastCleanup = DateTime.UtcNow;
    private long _version;

    public MembershipView View { get; private set; } = MembershipView.Empty;

    public event Action<MembershipView>? ViewChanged;

    public IReadOnlyList<SiloEntry> Silos => _lastRows;

    public DateTimeOffset? LastSuccessfulRefresh { get; private set; }

    public bool HasActiveSilo(string pool) => View.ActiveInPool(pool).Count > 0;

    public async Task StartAsSiloAsync(SiloEntry local, CancellationToken cancellationToken)
    {
        _local = local;
        await table.JoinAsync(local, cancellationToken).ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        var tick = _options.HeartbeatInterval < _options.RefreshInterval ? _options.HeartbeatInterval : _options.RefreshInterval;
        _loop = new PeriodicLoop(tick, TickAsync, ex => logger.LogWarning(ex, "Membership table unreachable; keeping view {Version}", View.Version));
        _loop.Start();
    }

    /// <summary>Marks the local silo as leaving: peers stop placing grains here while in-flight calls finish.</summary>
    public async Task MarkLeavingAsync(CancellationToken cancellationToken)
    {
        if (_local is null)
        {
            return;
        }

        _local = _local with { Status = SiloStatus.Leaving };
        await table.SetStatusAsync(_local.SiloId, SiloStatus.Leaving, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the loop; a silo also deletes its row (a graceful goodbye).</summary>
    public async Task StopAsync(bool deregister, CancellationToken cancellationToken)
    {
        await StopLoopAsync().ConfigureAwait(false);
        if (deregister && _local is not null)
        {
            await table.LeaveAsync(_local.SiloId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends heartbeats without a goodbye, as a crash would.</summary>
    public Task KillAsync() => StopLoopAsync();

    /// <summary>Excludes a silo that just refused a connection, until its heartbeat shows it alive again.</summary>
    public void Suspect(string siloId)
    {
        var row = _lastRows.FirstOrDefault(r => r.SiloId == siloId);
        if (row is null || siloId == _local?.SiloId)
        {
            return;
        }

        _suspectedAtHeartbeat[siloId] = row.LastHeartbeat;
        logger.LogWarning("Silo {SiloId} at {Address} is unreachable; suspected until its lease shows it alive", siloId, row.Address);
        Publish(_lastRows);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var rows = await table.ReadLiveAsync(_options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        _lastRows = rows;
        LastSuccessfulRefresh = DateTimeOffset.UtcNow;
        Publish(rows);
    }

    private void Publish(IReadOnlyList<SiloEntry> rows)
    {
        foreach (var (siloId, heartbeat) in _suspectedAtHeartbeat)
        {
            var row = rows.FirstOrDefault(r => r.SiloId == siloId);
            if (row is null || row.LastHeartbeat > heartbeat)
            {
                _suspectedAtHeartbeat.TryRemove(siloId, out _);
            }
        }

        var silos = rows
            .Where(r => !_suspectedAtHeartbeat.ContainsKey(r.SiloId) && r.SiloId != _local?.SiloId)
            .Select(r => new SiloInfo(r.SiloId, r.Address, r.Pools, r.Status, IsLocal: false))
            .ToList();
        if (_local is not null)
        {
            // A silo always sees itself as it knows itself, even before its own row is read back.
            silos.Add(new SiloInfo(_local.SiloId, _local.Address, _local.Pools, _local.Status, IsLocal: true));
        }

        var view = new MembershipView(Interlocked.Increment(ref _version), silos);
        var previous = View;
        View = view;
        if (!view.SameMembersAs(previous))
        {
            logger.LogInformation(
                "Membership view {Version}: {Silos}",
                view.Version,
                string.Join(", ", view.Silos.Select(s => $"{s.SiloId}[{string.Join('+', s.Pools)}]{(s.Status == SiloStatus.Leaving ? " leaving" : string.Empty)}")));
            ViewChanged?.Invoke(view);
        }
    }

    /// <summary>One tick: renew the lease, re-read the table and clean up long-dead rows, each on its own interval.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (_local is not null && now - _lastHeartbeat >= _options.HeartbeatInterval)
        {
            _lastHeartbeat = now;
            if (!await table.HeartbeatAsync(_local.SiloId, cancellationToken).ConfigureAwait(false))
            {
                logger.LogWarning("Silo {SiloId} lost its membership row; joining again", _local.SiloId);
                await table.JoinAsync(_local, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now - _lastRefresh >= _options.RefreshInterval)
        {
            _lastRefresh = now;
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_local is not null && now - _lastCleanup >= _options.LeaseDuration)
        {
            _lastCleanup = now;
            await table.DeleteExpiredAsync(_options.DeadSiloRetention, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopLoopAsync()
    {
        if (_loop is not null)
        {
            await _loop.StopAsync().ConfigureAwait(false);
            _loop = null;
        }
    }
}

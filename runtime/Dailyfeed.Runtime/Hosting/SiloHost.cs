using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Messaging;
using Dailyfeed.Runtime.Placement;
using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Hosting;

/// <summary>
/// The silo lifecycle. Start: listen, join membership, start collectors and reminders. Stop (graceful): announce
/// leaving, refuse new activations, deactivate every grain (their OnDeactivateAsync persists state), stop
/// listening, delete the membership row. Kill: stop everything with no goodbye, for failure tests.
/// </summary>
public sealed class SiloHost : IHostedService
{
    private readonly SiloEndpointServer _server;
    private readonly ClusterMembershipService _membership;
    private readonly Catalog _catalog;
    private readonly ActivationCollector _collector;
    private readonly ReminderService _reminders;
    private readonly PlacementService _placement;
    private readonly StreamConsumer? _streamConsumer;
    private readonly OutboxRelay? _outboxRelay;
    private readonly SiloOptions _options;
    private readonly ILogger<SiloHost> _logger;
    private int _stopped;

    internal SiloHost(
        SiloEndpointServer server,
        ClusterMembershipService membership,
        Catalog catalog,
        ActivationCollector collector,
        ReminderService reminders,
        PlacementService placement,
        StreamConsumer? streamConsumer,
        OutboxRelay? outboxRelay,
        IOptions<SiloOptions> options,
        ILogger<SiloHost> logger)
    {
        _streamConsumer = streamConsumer;
        _outboxRelay = outboxRelay;
        _server = server;
        _membership = membership;
        _catalog = catalog;
        _collector = collector;
        _reminders = reminders;
        _placement = placement;
        _options = options.Value;
        _logger = logger;
        SiloId = string.IsNullOrWhiteSpace(_options.SiloId) ? $"silo-{Guid.NewGuid():N}"[..17] : _options.SiloId;
    }

    public string SiloId { get; }

    public string? Address { get; private set; }

    public IReadOnlyList<string> Pools => _options.Pools;

    /// <summary>Activations currently in memory on this silo.</summary>
    public int ActivationCount => _catalog.Count;

    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        Address = $"{_options.AdvertisedHost ?? _options.ListenAddress}:{port}";
        var entry = new SiloEntry(SiloId, Address, _options.Pools, SiloStatus.Active, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await _membership.StartAsSiloAsync(entry, cancellationToken).ConfigureAwait(false);
        _membership.ViewChanged += OnViewChanged;
        _collector.Start();
        _reminders.Start();
        _outboxRelay?.Start();
        if (_streamConsumer is not null)
        {
            await _streamConsumer.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        IsRunning = true;
        _logger.LogInformation("Silo {SiloId} serving [{Pools}] at {Address}", SiloId, string.Join(", ", _options.Pools), Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        IsRunning = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ShutdownTimeout);
        _logger.LogInformation("Silo {SiloId} leaving: draining {Count} activations", SiloId, _catalog.Count);
        _membership.ViewChanged -= OnViewChanged;
        await _reminders.StopAsync().ConfigureAwait(false);
        await _collector.StopAsync().ConfigureAwait(false);
        if (_streamConsumer is not null)
        {
            await RunBestEffortAsync(_streamConsumer.StopAsync, "stop consuming").ConfigureAwait(false);
        }

        await RunBestEffortAsync(() => _membership.MarkLeavingAsync(timeout.Token), "announce leaving").ConfigureAwait(false);
        _catalog.StopAcceptingActivations();
        await RunBestEffortAsync(
            () => _catalog.DeactivateWhereAsync(_ => true, DeactivationReason.SiloShuttingDown).WaitAsync(timeout.Token),
            "deactivate grains").ConfigureAwait(false);
        if (_outboxRelay is not null)
        {
            await RunBestEffortAsync(_outboxRelay.StopAsync, "stop the outbox relay").ConfigureAwait(false);
        }

        await RunBestEffortAsync(() => _server.StopAsync(timeout.Token), "stop listening").ConfigureAwait(false);
        await RunBestEffortAsync(() => _membership.StopAsync(deregister: true, timeout.Token), "deregister").ConfigureAwait(false);
        _logger.LogInformation("Silo {SiloId} left the cluster", SiloId);
    }

    /// <summary>Simulates a crash: heartbeats stop, sockets drop, activations vanish without running grain code.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        IsRunning = false;
        _membership.ViewChanged -= OnViewChanged;
        await _membership.KillAsync().ConfigureAwait(false);
        await _reminders.StopAsync().ConfigureAwait(false);
        await _collector.StopAsync().ConfigureAwait(false);
        if (_streamConsumer is not null)
        {
            await _streamConsumer.KillAsync().ConfigureAwait(false);
        }

        if (_outboxRelay is not null)
        {
            await _outboxRelay.StopAsync().ConfigureAwait(false);
        }

        await _server.KillAsync().ConfigureAwait(false);
        _catalog.AbandonAll();
        _logger.LogWarning("Silo {SiloId} killed", SiloId);
    }

    private void OnViewChanged(MembershipView view)
    {
        // Grains this silo no longer owns move on their next call; deactivating them here persists their state first.
        _ = _catalog.DeactivateWhereAsync(a => !_placement.IsOwnedLocally(a.Pool, a.PlacementHash), DeactivationReason.PlacementChanged);
    }

    private async Task RunBestEffortAsync(Func<Task> step, string what)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Silo {SiloId} could not {Step} during shutdown", SiloId, what);
        }
    }
}

using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.Orleans.Hosting;

/// <summary>
/// Declares a peer silo dead as soon as its silo port refuses connections. Orleans' probes take several seconds to
/// agree that a crashed silo is gone, and until then every call to its grains fails or hangs. A refused TCP connect
/// means no process listens there any more (a paused or overloaded silo still accepts connections, and a partition
/// times out instead of refusing), so it is safe evidence; Orleans' Kubernetes hosting does the same for a deleted pod.
/// </summary>
internal sealed class RefusedSiloDetector(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<FailureDetectionOptions> options,
    ILogger<RefusedSiloDetector> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Dictionary<SiloAddress, int> _refusals = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RefusedSiloDetector), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RefusalCheckInterval > TimeSpan.Zero)
        {
            _loop = RunAsync(_stop.Token);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefusalCheckInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await CheckPeersAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking peer silos for refused connections failed; trying again");
            }
        }
    }

    private async Task CheckPeersAsync(CancellationToken cancellationToken)
    {
        var peers = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active && !member.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(member => member.SiloAddress)
            .ToList();
        foreach (var gone in _refusals.Keys.Except(peers).ToList())
        {
            _refusals.Remove(gone);
        }

        foreach (var peer in peers)
        {
            if (!await RefusesAsync(peer, cancellationToken).ConfigureAwait(false))
            {
                _refusals.Remove(peer);
                continue;
            }

            _refusals[peer] = _refusals.GetValueOrDefault(peer) + 1;
            if (_refusals[peer] >= options.Value.RefusalsBeforeDeath)
            {
                logger.LogWarning("Silo {Silo} refused {Count} connections in a row: declaring it dead", peer, _refusals[peer]);
                await membership.TryKill(peer).ConfigureAwait(false);
                _refusals.Remove(peer);
            }
        }
    }

    private async Task<bool> RefusesAsync(SiloAddress peer, CancellationToken cancellationToken)
    {
        using var socket = new Socket(peer.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.RefusalCheckInterval);
        try
        {
            await socket.ConnectAsync(peer.Endpoint, attempt.Token).ConfigureAwait(false);
            return false;
        }
        catch (SocketException refused) when (refused.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A timeout or another network error is not proof of death: Orleans' own probes judge those.
            return false;
        }
    }
}

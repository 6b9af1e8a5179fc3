using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Activation;

/// <summary>Periodically deactivates idle activations so memory follows the working set, not history.</summary>
internal sealed class ActivationCollector(Catalog catalog, ILogger<ActivationCollector> logger)
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop!.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(catalog.Options.CollectionInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var collected = await catalog.CollectIdleAsync().ConfigureAwait(false);
                if (collected > 0)
                {
                    logger.LogDebug("Deactivated {Count} idle activations", collected);
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Idle activation collection failed");
            }
        }
    }
}

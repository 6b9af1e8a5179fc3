using Dailyfeed.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Activation;

/// <summary>Periodically deactivates idle activations so memory follows the working set, not history.</summary>
internal sealed class ActivationCollector
{
    private readonly PeriodicLoop _loop;

    public ActivationCollector(Catalog catalog, ILogger<ActivationCollector> logger) =>
        _loop = new PeriodicLoop(
            catalog.Options.CollectionInterval,
            async _ =>
            {
                var collected = await catalog.CollectIdleAsync().ConfigureAwait(false);
                if (collected > 0)
                {
                    logger.LogDebug("Deactivated {Count} idle activations", collected);
                }
            },
            ex => logger.LogWarning(ex, "Idle activation collection failed"));

    public void Start() => _loop.Start();

    public Task StopAsync() => _loop.StopAsync();
}

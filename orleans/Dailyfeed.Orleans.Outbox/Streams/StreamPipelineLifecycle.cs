using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// Starts the outbox relay once the silo is active (Orleans' stream providers are started by then) and stops it
/// before the silo leaves, so a publish in flight completes while the provider can still confirm it.
/// </summary>
internal sealed class StreamPipelineLifecycle(IServiceProvider services, IOptions<StreamOptions> options, ILogger<StreamPipelineLifecycle> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private OutboxRelay? _relay;

    public void Participate(ISiloLifecycle lifecycle)
    {
        // A silo without Dailyfeed's stream provider (a tool, a test of grains alone) keeps events in the outbox.
        if (services.GetService<StreamEventPublisher>() is null)
        {
            return;
        }

        _relay = services.GetRequiredService<OutboxRelay>();
        lifecycle.Subscribe(nameof(StreamPipelineLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PauseOutboxRelay)
        {
            _relay = null;
            logger.LogWarning("Outbox relay paused (Dailyfeed:Streams:PauseOutboxRelay): this silo publishes no events");
            return Task.CompletedTask;
        }

        _relay!.Start();
        logger.LogInformation("Outbox relay started");
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _relay?.StopAsync() ?? Task.CompletedTask;
}

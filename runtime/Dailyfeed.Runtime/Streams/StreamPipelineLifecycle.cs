using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// Starts the outbox relay and stream consumption once the silo is active (deliveries are grain calls) and stops them
/// before it leaves, so in-flight deliveries finish while grains can still answer.
/// </summary>
internal sealed class StreamPipelineLifecycle(IServiceProvider services, ILogger<StreamPipelineLifecycle> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private StreamConsumer? _consumer;
    private OutboxRelay? _relay;

    public void Participate(ISiloLifecycle lifecycle)
    {
        // A silo without a stream transport (a tool, a test of grains alone) has no pipeline to run.
        if (services.GetService<IStreamTransport>() is null)
        {
            return;
        }

        _consumer = services.GetRequiredService<StreamConsumer>();
        _relay = services.GetRequiredService<OutboxRelay>();
        lifecycle.Subscribe(nameof(StreamPipelineLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await _consumer!.StartAsync(cancellationToken).ConfigureAwait(false);
        _relay!.Start();
        logger.LogInformation("Stream consumption and outbox relay started");
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _relay!.StopAsync().ConfigureAwait(false);
        await _consumer!.StopAsync().ConfigureAwait(false);
    }
}

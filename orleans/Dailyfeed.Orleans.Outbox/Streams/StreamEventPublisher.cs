using global::Orleans;
using global::Orleans.Runtime;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// Puts a stream event on its Orleans stream (provider <see cref="DailyfeedStreams.ProviderName"/>, namespace
/// <see cref="StreamEvent.Stream"/>, key <see cref="StreamEvent.Key"/>). The task completes when the provider has the
/// event durably (RabbitMQ: the broker's publisher confirm), which is what lets the relay delete the outbox row.
/// </summary>
internal sealed class StreamEventPublisher(IClusterClient client)
{
    public Task PublishAsync(StreamEvent streamEvent, CancellationToken cancellationToken) =>
        client.GetStreamProvider(DailyfeedStreams.ProviderName)
            .GetStream<StreamEvent>(StreamId.Create(streamEvent.Stream, streamEvent.Key))
            .OnNextAsync(streamEvent)
            .WaitAsync(cancellationToken);
}

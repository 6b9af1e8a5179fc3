using Orleans.Runtime;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

public static class RabbitStreamNames
{
    public const string Provider = "rabbit";
    public const string UnreachableProvider = "rabbit-unreachable";
    public const string Namespace = "rabbitmq-test";

    public static StreamId For(string streamKey) => StreamId.Create(Namespace, streamKey);
}

/// <summary>The implicitly subscribed consumer: its key is the stream key.</summary>
public interface IRabbitConsumerGrain : IGrainWithStringKey;

public interface IRabbitProducerGrain : IGrainWithStringKey
{
    Task PublishAsync(string streamKey, int[] sequences);
}

[ImplicitStreamSubscription(RabbitStreamNames.Namespace)]
public sealed class RabbitConsumerGrain : Grain, IRabbitConsumerGrain, IAsyncObserver<RabbitTestEvent>
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(RabbitStreamNames.Provider)
            .GetStream<RabbitTestEvent>(RabbitStreamNames.For(this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
    }

    public Task OnNextAsync(RabbitTestEvent item, StreamSequenceToken? token = null)
    {
        if (item.Poison)
        {
            RabbitStreamLog.RecordPoisonAttempt(this.GetPrimaryKeyString());
            throw new InvalidOperationException($"Poison event {item.Sequence} refused on purpose.");
        }

        RabbitStreamLog.RecordDelivered(this.GetPrimaryKeyString(), item.Sequence);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

public sealed class RabbitProducerGrain : Grain, IRabbitProducerGrain
{
    public async Task PublishAsync(string streamKey, int[] sequences)
    {
        var stream = this.GetStreamProvider(RabbitStreamNames.Provider).GetStream<RabbitTestEvent>(RabbitStreamNames.For(streamKey));
        foreach (var sequence in sequences)
        {
            await stream.OnNextAsync(new RabbitTestEvent(sequence));
        }
    }
}

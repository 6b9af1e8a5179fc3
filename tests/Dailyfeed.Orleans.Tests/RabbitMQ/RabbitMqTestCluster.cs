using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Hosting;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>One silo and a client, both with the RabbitMQ provider on the test broker and a test-sized delivery bound.</summary>
public static class RabbitMqTestCluster
{
    /// <summary>Each poison event is tried at most this often.</summary>
    public const int MaxDeliveryAttempts = 3;

    public static readonly TimeSpan DeliveryRetryDelay = TimeSpan.FromMilliseconds(500);

    public static InProcessTestCluster Create(
        string queuePrefix,
        IListenerDeadLetterSink sink,
        int? brokerPort = null,
        Action<ISiloPersistentStreamConfigurator>? configureSiloStream = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRabbitMqStreams(
                RabbitStreamNames.Provider,
                options => Apply(options, queuePrefix, brokerPort ?? RabbitMqTestBroker.Port),
                stream =>
                {
                    stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    configureSiloStream?.Invoke(stream);
                });
            silo.Services.AddSingleton(sink);
        });
        builder.ConfigureClient(client =>
        {
            client.AddRabbitMqStreams(
                RabbitStreamNames.Provider,
                options => Apply(options, queuePrefix, RabbitMqTestBroker.Port),
                stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            // Same queues, but a broker address where nothing listens: publishing must fail, not vanish.
            client.AddRabbitMqStreams(
                RabbitStreamNames.UnreachableProvider,
                options => Apply(options, queuePrefix, RabbitMqTestBroker.ClosedPort()),
                stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        });
        return builder.Build();
    }

    public static async Task StopAsync(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    private static void Apply(RabbitMqStreamOptions options, string queuePrefix, int port)
    {
        options.HostName = RabbitMqTestBroker.HostName;
        options.Port = port;
        options.QueueNamePrefix = queuePrefix;
        options.QueueCount = RabbitMqTestBroker.QueueCount;
        options.MaxDeliveryAttempts = MaxDeliveryAttempts;
        options.DeliveryRetryDelay = DeliveryRetryDelay;
        options.PublishTimeout = TimeSpan.FromSeconds(20);
        options.ConnectionTimeout = TimeSpan.FromSeconds(5);
    }
}

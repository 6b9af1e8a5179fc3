using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.Orleans.Tests.PostgreSql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>Events kept by the broker across a cluster's end, and a silo that cannot reach its broker.</summary>
[Collection(RabbitMqClusterCollection.Name)]
public sealed class RabbitMqSiloRestartTests : IAsyncLifetime
{
    private readonly PostgreSqlTestSchema schema = new();
    private readonly string queuePrefix = RabbitMqTestBroker.UniqueQueuePrefix();
    private PostgreSqlListenerDeadLetterSink sink = null!;

    public async Task InitializeAsync()
    {
        sink = new PostgreSqlListenerDeadLetterSink(schema);
        await sink.CreateTableAsync();
    }

    public async Task DisposeAsync()
    {
        await RabbitMqTestBroker.DeleteQueuesAsync(queuePrefix);
        await schema.DisposeAsync();
    }

    [Fact]
    public async Task An_event_published_before_the_cluster_stops_is_delivered_by_the_next_cluster()
    {
        var streamKey = Guid.NewGuid().ToString("N");
        // The first cluster's pulling agents never start: the event can only be in the broker's queue.
        var first = RabbitMqTestCluster.Create(queuePrefix, sink, configureSiloStream: stream => stream.ConfigureLifecycle(
            lifecycle => lifecycle.Configure(options => options.StartupState = StreamLifecycleOptions.RunState.AgentsStopped)));
        await first.DeployAsync();
        try
        {
            await first.Client.GetStreamProvider(RabbitStreamNames.Provider)
                .GetStream<RabbitTestEvent>(RabbitStreamNames.For(streamKey))
                .OnNextAsync(new RabbitTestEvent(7));
        }
        finally
        {
            await RabbitMqTestCluster.StopAsync(first);
        }

        (await RabbitMqTestBroker.ReadyMessagesAsync(queuePrefix)).ShouldBe(1u);
        RabbitStreamLog.DeliveredTo(streamKey).ShouldBeEmpty();

        var second = RabbitMqTestCluster.Create(queuePrefix, sink);
        await second.DeployAsync();
        try
        {
            await Eventually.ReturnsAsync(
                () => Task.FromResult(RabbitStreamLog.DeliveredTo(streamKey)), delivered => delivered.Length > 0, "the kept event delivered");
            RabbitStreamLog.DeliveredTo(streamKey).ShouldBe([7]);
            await Eventually.ReturnsAsync(() => RabbitMqTestBroker.ReadyMessagesAsync(queuePrefix), ready => ready == 0, "queues drained");
        }
        finally
        {
            await RabbitMqTestCluster.StopAsync(second);
        }
    }

    [Fact]
    public async Task A_silo_whose_broker_is_unreachable_fails_to_start_naming_the_broker()
    {
        var closedPort = RabbitMqTestBroker.ClosedPort();
        var cluster = RabbitMqTestCluster.Create(queuePrefix, sink, brokerPort: closedPort);
        try
        {
            var failure = await Should.ThrowAsync<Exception>(() => cluster.DeployAsync());

            var reasons = Flatten(failure).ToList();
            reasons.OfType<RabbitMqBrokerUnreachableException>().ShouldNotBeEmpty(string.Join(" | ", reasons.Select(reason => reason.Message)));
            reasons.OfType<RabbitMqBrokerUnreachableException>().First().Message.ShouldContain($":{closedPort}/");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var reason in inner.SelectMany(Flatten))
        {
            yield return reason;
        }
    }
}

using Dailyfeed.Orleans.Tests.PostgreSql;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>A cluster on its own queues and dead-letter schema, shared by the delivery tests; queues and schema go afterwards.</summary>
public sealed class RabbitMqClusterFixture : IAsyncLifetime
{
    private readonly PostgreSqlTestSchema schema = new();

    public string QueuePrefix { get; } = RabbitMqTestBroker.UniqueQueuePrefix();

    public PostgreSqlListenerDeadLetterSink DeadLetters { get; private set; } = null!;

    public SwitchableDeadLetterSink Sink { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DeadLetters = new PostgreSqlListenerDeadLetterSink(schema);
        await DeadLetters.CreateTableAsync();
        Sink = new SwitchableDeadLetterSink(DeadLetters);
        Cluster = RabbitMqTestCluster.Create(QueuePrefix, Sink);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await RabbitMqTestCluster.StopAsync(Cluster);
        await RabbitMqTestBroker.DeleteQueuesAsync(QueuePrefix);
        await schema.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqClusterCollection : ICollectionFixture<RabbitMqClusterFixture>
{
    public const string Name = "RabbitMQ cluster";
}

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// The tests that stop the broker share one private RabbitMQ node (<see cref="PrivateBroker"/>, started once for the
/// collection) and run one at a time, since an outage of one test's broker would be an outage of the others'. Other
/// test assemblies never see it: they use the machine's shared broker, which this suite leaves alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerCollection : ICollectionFixture<PrivateBroker>
{
    public const string Name = "Private RabbitMQ broker";
}

using System.Collections.Concurrent;
using Dailyfeed.Orleans.Pools.Broadcast;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>A broadcast the pool tests send; every silo of a <see cref="PoolCluster"/> records the ones it receives.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.tests.ProbeBroadcast")]
public sealed record ProbeBroadcast([property: Id(0)] Guid Id);

public sealed class ProbeBroadcastHandler(ILocalSiloDetails silo) : IPoolMessageHandler<ProbeBroadcast>
{
    /// <summary>Broadcast id to the names of the silos that handled it (the silos of one process share it).</summary>
    public static readonly ConcurrentDictionary<Guid, ConcurrentBag<string>> Received = new();

    public Task HandleAsync(ProbeBroadcast message)
    {
        Received.GetOrAdd(message.Id, _ => []).Add(silo.Name);
        return Task.CompletedTask;
    }
}

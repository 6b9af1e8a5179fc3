using Dailyfeed.Orleans.Pools;
using Dailyfeed.ServiceDefaults.Resilience;
using Orleans.Runtime;
using Orleans.Storage;

namespace Dailyfeed.Gateway.Tests;

/// <summary>
/// The failures a gateway sees when the cluster, or a dependency behind it, is down or settling: each carries the kind
/// of internal detail (an address, a secret) that must never reach a client.
/// </summary>
public static class ClusterOutages
{
    public const string InternalAddress = "10.0.0.7";
    public const string Secret = "Password=secret";

    public static TheoryData<Exception> All() => new()
    {
        new SiloUnavailableException($"silo S{InternalAddress}:11111 is dead ({Secret})"),
        new TimeoutException($"Response did not arrive on time for a message to S{InternalAddress}:11111 ({Secret})"),
        new NoSiloInPoolException(GrainPools.Write, $"feed@{InternalAddress}", candidateSilos: 0, silosWithUnknownPools: 0),
        new DependencyUnavailableException($"grain storage at {InternalAddress}:5432 ({Secret})"),
        new InconsistentStateException($"ETag mismatch writing to {InternalAddress}:5432 ({Secret})"),
        new OrleansException($"No active nodes are compatible with grain feed/{InternalAddress} ({Secret})"),
    };
}

using Orleans.Runtime;
using Orleans.Runtime.Services;

namespace Dailyfeed.Orleans.Pools.Broadcast;

/// <summary>Addresses the broadcast receiver of one given silo.</summary>
internal sealed class PoolBroadcastServiceClient(IServiceProvider services) : GrainServiceClient<IPoolBroadcastService>(services)
{
    public IPoolBroadcastService On(SiloAddress silo) => GetGrainService(silo);
}

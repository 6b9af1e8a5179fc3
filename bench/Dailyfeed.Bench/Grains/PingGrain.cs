using Dailyfeed.Runtime;

namespace Dailyfeed.Bench.Grains;

/// <summary>The smallest useful grain: a counter in memory, no persistence, so the runtime's own cost is measured.</summary>
[GrainPool(GrainPools.Write)]
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync();
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> PingAsync() => Task.FromResult(++_calls);
}

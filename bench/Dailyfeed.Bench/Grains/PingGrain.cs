using Orleans;

namespace Dailyfeed.Bench.Grains;

/// <summary>The smallest useful grain: a counter in memory, no persistence, so the runtime's own cost is measured.</summary>
[Alias("dailyfeed.bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> PingAsync();
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> PingAsync() => Task.FromResult(++_calls);
}

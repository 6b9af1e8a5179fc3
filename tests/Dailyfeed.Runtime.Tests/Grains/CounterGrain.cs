using Dailyfeed.Runtime.Hosting;

namespace Dailyfeed.Runtime.Tests.Grains;

[GrainPool(GrainPools.Write)]
public interface ICounterGrain : IGrainWithStringKey
{
    Task<long> IncrementAsync();

    [ReadOnly]
    Task<long> GetAsync();

    [ReadOnly]
    Task<string> GetSiloIdAsync();

    /// <summary>Writes a value computed from the state this activation read, to prove stale writers lose.</summary>
    Task<long> SetAsync(long value);

    Task ReloadAsync();
}

public sealed class CounterState
{
    public long Value { get; set; }
}

public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> counter,
    SiloHost silo) : Grain, ICounterGrain
{
    public async Task<long> IncrementAsync()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<long> GetAsync() => Task.FromResult(counter.State.Value);

    public Task<string> GetSiloIdAsync() => Task.FromResult(silo.SiloId);

    public async Task<long> SetAsync(long value)
    {
        counter.State.Value = value;
        await counter.WriteStateAsync();
        return value;
    }

    public Task ReloadAsync() => counter.ReadStateAsync();
}

using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.PostgreSql;

[Alias("dailyfeed.tests.postgresql.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Add")] Task<int> Add(int amount);
    [Alias("Get")] Task<int> Get();
    [Alias("Clear")] Task Clear();
    [Alias("Deactivate")] Task Deactivate();
}

public sealed class CounterState
{
    public int Count { get; set; }
}

public sealed class CounterGrain([PersistentState(CounterGrain.StateName)] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public const string StateName = "pg-counter";

    public async Task<int> Add(int amount)
    {
        counter.State.Count += amount;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Count);

    public Task Clear() => counter.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

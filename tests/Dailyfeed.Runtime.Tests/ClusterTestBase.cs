using Dailyfeed.Runtime.Testing;
using Dailyfeed.Runtime.Tests.Grains;
using Dailyfeed.Runtime.Tests.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Tests;

/// <summary>Boots test clusters on one store profile and tears everything down after each test.</summary>
public abstract class ClusterTestBase : IAsyncLifetime
{
    private readonly List<TestCluster> _clusters = [];
    private StoreProfile? _store;

    protected ReminderLog Reminders { get; } = new();

    protected abstract StoreProfile CreateStore();

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected async Task<TestCluster> DeployAsync(string[][] silos, Action<TestClusterBuilder>? configure = null)
    {
        var builder = TestCluster.Create()
            .AddGrains(typeof(CounterGrain).Assembly)
            .UseStore(_store!.Register)
            .ConfigureServices(s => s.AddSingleton(Reminders));
        foreach (var pools in silos)
        {
            builder.AddSilo(pools);
        }

        configure?.Invoke(builder);
        var cluster = await builder.DeployAsync();
        _clusters.Add(cluster);
        return cluster;
    }

    protected static string[] Both => [GrainPools.Read, GrainPools.Write];

    protected static string[] WriteOnly => [GrainPools.Write];

    protected static string[] ReadOnly => [GrainPools.Read];

    /// <summary>Polls until the condition holds; fails with the message after the timeout.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure);
            }

            await Task.Delay(100);
        }
    }
}

using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Runtime.Testing;

/// <summary>Describes a cluster to boot in one process: silos and their pools, grain assemblies, the shared store.</summary>
public sealed class TestClusterBuilder
{
    internal List<string[]> SiloPools { get; } = [];

    internal List<Assembly> GrainAssemblies { get; } = [];

    internal List<Action<IServiceCollection>> StoreRegistrations { get; } = [];

    internal List<Action<IServiceCollection>> ServiceRegistrations { get; } = [];

    internal TestClusterOptions Options { get; } = new();

    public TestClusterBuilder AddSilo(params string[] pools)
    {
        SiloPools.Add(pools.Length == 0 ? [GrainPools.Read, GrainPools.Write] : pools);
        return this;
    }

    public TestClusterBuilder AddGrains(Assembly assembly)
    {
        GrainAssemblies.Add(assembly);
        return this;
    }

    /// <summary>
    /// Registers the cluster's store (grain storage, membership table, reminder table) in every host. Register the
    /// same instances or the same database in all of them: that is what makes them one cluster.
    /// </summary>
    public TestClusterBuilder UseStore(Action<IServiceCollection> register)
    {
        StoreRegistrations.Add(register);
        return this;
    }

    /// <summary>Extra services or option overrides for every silo and the client.</summary>
    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> register)
    {
        ServiceRegistrations.Add(register);
        return this;
    }

    public TestClusterBuilder ConfigureTimings(Action<TestClusterOptions> configure)
    {
        configure(Options);
        return this;
    }

    public async Task<TestCluster> DeployAsync()
    {
        if (StoreRegistrations.Count == 0)
        {
            throw new InvalidOperationException("A test cluster needs a store: call UseStore.");
        }

        var cluster = new TestCluster(this);
        try
        {
            await cluster.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }
}

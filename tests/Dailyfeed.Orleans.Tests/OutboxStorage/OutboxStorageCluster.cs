using Dailyfeed.Orleans.Outbox.Hosting;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.OutboxStorage;

/// <summary>
/// A one-silo cluster whose default grain storage is the project's outbox storage over the store a subclass chooses,
/// composed as the production silo composes it. No stream transport is registered, so no relay drains the outbox and
/// the tests read it themselves.
/// </summary>
public abstract class OutboxStorageCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silo's outbox store, as a relay would read it.</summary>
    public IStreamOutboxStore Outbox => Cluster.GetSiloServiceProvider().GetRequiredService<IStreamOutboxStore>();

    /// <summary>The silo's default grain storage, for reading and writing state behind an activation's back.</summary>
    public IGrainStorage DefaultStorage =>
        Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            AddStore(silo.Services);
            silo.UseDailyfeedOutboxStorage();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await DeleteStoreAsync();
    }

    /// <summary>Registers the project's store the outbox storage writes through.</summary>
    protected abstract void AddStore(IServiceCollection services);

    /// <summary>Removes what the store created, once the silo no longer uses it.</summary>
    protected abstract ValueTask DeleteStoreAsync();
}

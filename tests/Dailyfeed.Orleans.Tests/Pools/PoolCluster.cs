using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Pools.Broadcast;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace Dailyfeed.Orleans.Tests.Pools;

/// <summary>How a test silo is told its pools.</summary>
public enum PoolSource
{
    /// <summary><c>siloBuilder.AddGrainPools("read", ...)</c>.</summary>
    Arguments,

    /// <summary><c>Orleans:Metadata:pools</c> in the silo's configuration, read by <c>siloBuilder.AddGrainPools()</c>.</summary>
    Configuration,
}

/// <summary>
/// An in-process cluster whose silo <c>Silo_i</c> serves the pools <c>silos[i]</c>, plus the map from silo address to
/// pools the tests check activations against (built from the test's own layout, not from the filter's metadata).
/// </summary>
public sealed class PoolCluster : IAsyncDisposable
{
    private readonly IReadOnlyList<string[]> _layout;

    private PoolCluster(InProcessTestCluster cluster, IReadOnlyList<string[]> layout)
    {
        Cluster = cluster;
        _layout = layout;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <param name="silos">Pools of <c>Silo_0</c>, <c>Silo_1</c>, ...; silos past <paramref name="start"/> are for
    /// <see cref="InProcessTestCluster.StartAdditionalSiloAsync()"/>.</param>
    /// <param name="source">How each silo is told its pools.</param>
    /// <param name="start">How many silos to start now; all of them when null.</param>
    public static async Task<PoolCluster> DeployAsync(IReadOnlyList<string[]> silos, PoolSource source = PoolSource.Arguments, int? start = null)
    {
        var builder = new InProcessTestClusterBuilder((short)(start ?? silos.Count));
        builder.Options.ConfigureFileLogging = false;

        // Orleans' test option that skips the compatibility check and with it every placement filter. The in-process
        // cluster does not pass it on to the silos in 10.4.2 (only the classic TestCluster does); off, to be sure.
        builder.Options.AssumeHomogenousSilosForTesting = false;

        builder.ConfigureSiloHost((silo, host) =>
        {
            if (source == PoolSource.Configuration)
            {
                host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Orleans:Metadata:pools"] = string.Join(',', silos[IndexOf(silo.SiloName)]),
                    ["Orleans:Metadata:zone"] = silo.SiloName,
                });
            }
        });
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            siloBuilder.Services.AddPoolMessageHandler<ProbeBroadcast, ProbeBroadcastHandler>();
            // The broadcast tests count deliveries, not speed: a loaded machine must not turn a slow one into a failure.
            siloBuilder.Services.Configure<PoolBroadcastOptions>(options => options.Timeout = TimeSpan.FromSeconds(30));
            if (source == PoolSource.Configuration)
            {
                siloBuilder.AddGrainPools();
            }
            else
            {
                siloBuilder.AddGrainPools(silos[IndexOf(silo.SiloName)]);
            }
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        var poolCluster = new PoolCluster(cluster, silos);
        await poolCluster.WaitUntilEverySiloKnowsEveryPoolAsync();
        return poolCluster;
    }

    /// <summary>The pools the test layout gave the silo at <paramref name="address"/>.</summary>
    public string[] PoolsOf(SiloAddress address) => _layout[IndexOf(NameOf(address))];

    public string NameOf(SiloAddress address) =>
        Cluster.Silos.SingleOrDefault(s => s.SiloAddress.Equals(address))?.Name
        ?? throw new InvalidOperationException($"{address} is not a silo of this cluster.");

    public InProcessSiloHandle Silo(int index) => Cluster.Silos.Single(s => s.Name == $"Silo_{index}");

    private static readonly TimeSpan PoolsLearnedWithin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Start-up readiness, not a timing guess: every silo's metadata cache has fetched every silo's pools. Before
    /// that a silo excludes the silos it has not heard from, which is correct but would make placement counts in
    /// the tests depend on start-up order.
    /// </summary>
    public async Task WaitUntilEverySiloKnowsEveryPoolAsync()
    {
        await Eventually.HoldsAsync(() => Task.FromResult(EverySiloKnowsEveryPool()), PoolsLearnedWithin, "the silos learn each other's pools");

        bool EverySiloKnowsEveryPool() => Cluster.Silos.All(observer =>
        {
            var cache = observer.ServiceProvider.GetRequiredService<ISiloMetadataCache>();
            return Cluster.Silos.All(silo => cache.GetSiloMetadata(silo.SiloAddress).Metadata.ContainsKey("pools"));
        });
    }

    private static int IndexOf(string siloName) => int.Parse(siloName["Silo_".Length..]);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

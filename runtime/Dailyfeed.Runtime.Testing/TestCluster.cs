using Dailyfeed.Runtime.Hosting;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Testing;

/// <summary>
/// Several silos and one client in one process, each a real host talking HTTP/2 over loopback ports, sharing one
/// store. Topology changes: <see cref="StartAdditionalSiloAsync"/>, <see cref="StopSiloAsync"/> (graceful) and
/// <see cref="KillSiloAsync"/> (abrupt).
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterBuilder _builder;
    private readonly List<TestSilo> _silos = [];
    private IHost? _client;

    internal TestCluster(TestClusterBuilder builder) => _builder = builder;

    public static TestClusterBuilder Create() => new();

    /// <summary>Silos that are running (stopped and killed ones are removed).</summary>
    public IReadOnlyList<TestSilo> Silos => _silos.Where(s => s.IsRunning).ToList();

    /// <summary>The cluster client: hosts no grains, routes every call to a silo.</summary>
    public IGrainFactory Client => _client?.Services.GetRequiredService<IGrainFactory>()
                                  ?? throw new InvalidOperationException("The cluster is not deployed.");

    public TestClusterOptions Options => _builder.Options;

    public async Task<TestSilo> StartAdditionalSiloAsync(params string[] pools)
    {
        var host = BuildHost(services =>
            services.AddDailyfeedSilo(silo =>
            {
                foreach (var assembly in _builder.GrainAssemblies)
                {
                    silo.AddGrains(assembly);
                }

                silo.Configure<SiloOptions>(o =>
                {
                    o.Port = 0;
                    o.ListenAddress = "127.0.0.1";
                    o.Pools = pools.Length == 0 ? [GrainPools.Read, GrainPools.Write] : [.. pools];
                    o.ShutdownTimeout = _builder.Options.StabilizationTimeout;
                });
                silo.Configure<ReminderOptions>(_builder.Options.Apply);
            }));
        await host.StartAsync().ConfigureAwait(false);
        var silo = new TestSilo(host);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Graceful stop: drain, deactivate (state written), deregister.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        await silo.Host.StopAsync().ConfigureAwait(false);
        silo.Host.Dispose();
    }

    /// <summary>Abrupt stop: no goodbye, heartbeats stop, sockets drop; peers learn of it when the lease lapses.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        await silo.Silo.KillAsync().ConfigureAwait(false);
        silo.Host.Dispose();
    }

    /// <summary>Waits until the client and every running silo see exactly the running silos as active.</summary>
    public async Task WaitForStableAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? _builder.Options.StabilizationTimeout);
        while (true)
        {
            var expected = Silos.Select(s => s.SiloId).Order(StringComparer.Ordinal).ToArray();
            var observers = Silos.Select(s => s.Services).Append(_client!.Services);
            if (observers.All(sp => SeesExactly(sp, expected)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Cluster did not stabilize on [{string.Join(", ", expected)}] in time.");
            }

            await Task.Delay(_builder.Options.MembershipRefreshInterval).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos.Reverse())
        {
            try
            {
                await StopSiloAsync(silo).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await KillSiloAsync(silo).ConfigureAwait(false);
            }
        }

        if (_client is not null)
        {
            await _client.StopAsync().ConfigureAwait(false);
            _client.Dispose();
        }
    }

    internal async Task StartAsync()
    {
        foreach (var pools in _builder.SiloPools)
        {
            await StartAdditionalSiloAsync(pools).ConfigureAwait(false);
        }

        _client = BuildHost(services => services.AddDailyfeedClient());
        await _client.StartAsync().ConfigureAwait(false);
        await WaitForStableAsync().ConfigureAwait(false);
    }

    private static bool SeesExactly(IServiceProvider services, string[] expected)
    {
        var view = services.GetRequiredService<ClusterMembershipService>().View;
        var seen = view.Silos.Where(s => s.Status == SiloStatus.Active).Select(s => s.SiloId).Order(StringComparer.Ordinal);
        return seen.SequenceEqual(expected);
    }

    private IHost BuildHost(Action<IServiceCollection> role)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<MembershipOptions>(_builder.Options.Apply);
        foreach (var register in _builder.StoreRegistrations.Concat(_builder.ServiceRegistrations))
        {
            register(builder.Services);
        }

        role(builder.Services);
        return builder.Build();
    }
}

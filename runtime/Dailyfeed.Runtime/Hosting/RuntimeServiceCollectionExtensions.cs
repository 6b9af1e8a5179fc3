using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Messaging;
using Dailyfeed.Runtime.Placement;
using Dailyfeed.Runtime.Reminders;
using Dailyfeed.Runtime.Serialization;
using Dailyfeed.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Hosting;

/// <summary>Hosting entry points: a silo (hosts grains) or a cluster client (only calls them).</summary>
public static class RuntimeServiceCollectionExtensions
{
    public const string ConfigurationRoot = "Dailyfeed";

    /// <summary>Hosts a silo in this process. Pick the store with a provider extension (in-memory, SQLite, PostgreSQL).</summary>
    public static IServiceCollection AddDailyfeedSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        AddCallPath(services);
        services.AddOptions<SiloOptions>().BindConfiguration($"{ConfigurationRoot}:Silo");
        services.PostConfigure<SiloOptions>(o =>
        {
            // Configuration binding appends to lists, so the default is applied here, after binding.
            o.Pools = o.Pools.Count == 0 ? [GrainPools.Read, GrainPools.Write] : o.Pools.Distinct(StringComparer.Ordinal).ToList();
        });
        services.AddOptions<ActivationOptions>().BindConfiguration($"{ConfigurationRoot}:Activation");
        services.AddOptions<ReminderOptions>().BindConfiguration($"{ConfigurationRoot}:Reminders");
        services.TryAddSingleton(sp => new GrainClassRegistry(sp.GetRequiredService<IOptions<GrainAssemblies>>().Value));
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<ActivationCollector>();
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<IReminderRegistry, ReminderRegistry>();
        services.AddOptions<StreamOptions>().BindConfiguration($"{ConfigurationRoot}:Streams");
        services.TryAddSingleton<StreamSubscriptions>();
        services.TryAddSingleton<StreamConsumer>();
        services.TryAddSingleton<OutboxRelay>();
        // Resolves to null on a silo without streams, so callers can tell replay is not available there.
        services.TryAddSingleton<IDeadLetterReplayer>(sp =>
            sp.GetService<IStreamTransport>() is null ? null! : ActivatorUtilities.CreateInstance<DeadLetterReplayer>(sp));
        services.TryAddSingleton<SiloMessageEndpoint>();
        services.TryAddSingleton<SiloEndpointServer>();
        services.TryAddSingleton(sp => new SiloHost(
            sp.GetRequiredService<SiloEndpointServer>(),
            sp.GetRequiredService<ClusterMembershipService>(),
            sp.GetRequiredService<Catalog>(),
            sp.GetRequiredService<ActivationCollector>(),
            sp.GetRequiredService<ReminderService>(),
            sp.GetRequiredService<PlacementService>(),
            sp.GetService<IStreamTransport>() is null ? null : sp.GetRequiredService<StreamConsumer>(),
            sp.GetService<IStreamTransport>() is null ? null : sp.GetRequiredService<OutboxRelay>(),
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            sp.GetRequiredService<ILogger<SiloHost>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SiloHost>());
        configure(new SiloBuilder(services));
        return services;
    }

    /// <summary>Makes this process a cluster client: grain references route to silos; no grain runs here.</summary>
    public static IServiceCollection AddDailyfeedClient(this IServiceCollection services)
    {
        AddCallPath(services);
        services.AddHostedService<ClusterClientHost>();
        return services;
    }

    private static void AddCallPath(IServiceCollection services)
    {
        services.AddOptions<MembershipOptions>().BindConfiguration($"{ConfigurationRoot}:Membership");
        services.AddOptions<MessagingOptions>().BindConfiguration($"{ConfigurationRoot}:Messaging");
        services.AddOptions<Resilience.ResilienceOptions>().BindConfiguration($"{ConfigurationRoot}:Resilience");
        services.AddOptions<SerializationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainSerializer>();
        services.TryAddSingleton<RemoteGrainCaller>();
        services.TryAddSingleton<ClusterMembershipService>();
        services.TryAddSingleton<IClusterMembership>(sp => sp.GetRequiredService<ClusterMembershipService>());
        services.TryAddSingleton<PlacementService>();
        services.TryAddSingleton<GrainCallRouter>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
    }
}

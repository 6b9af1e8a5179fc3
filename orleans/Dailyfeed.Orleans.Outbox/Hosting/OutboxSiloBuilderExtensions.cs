using Dailyfeed.Orleans.Hosting;
using Dailyfeed.Orleans.Outbox.Serialization;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.ServiceDefaults.Telemetry;
using global::Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using global::Orleans.Hosting;
using global::Orleans.Providers;
using global::Orleans.Runtime;
using global::Orleans.Runtime.Hosting;

namespace Dailyfeed.Orleans.Outbox.Hosting;

/// <summary>What an Orleans silo of Dailyfeed adds to Orleans: the outbox grain storage and the activity stream pipeline.</summary>
public static class OutboxSiloBuilderExtensions
{
    /// <summary>
    /// Makes the project's state store (register one first: <c>AddPostgreSqlClusterStore</c> or
    /// <c>AddSqliteClusterStore</c>) the silo's default grain storage, committing each activation's pending stream
    /// events with its state; and, when Dailyfeed's stream provider is added (<c>AddDailyfeedRabbitMqStreams</c> or
    /// <c>AddDailyfeedMemoryStreams</c>), relays the outbox onto its Orleans streams.
    /// </summary>
    public static ISiloBuilder UseDailyfeedOutboxStorage(this ISiloBuilder silo)
    {
        var services = silo.Services;
        TraceContext.TraceGrainCalls();
        silo.AddActivityPropagation();
        services.AddDailyfeedGrainCalls();
        services.AddSingleton<IIncomingGrainCallFilter, DependencyFailureBoundaryFilter>();
        services.AddSingleton<IIncomingGrainCallFilter, GrainCallLogFilter>();
        services.AddOptions<SerializationOptions>();
        services.AddOptions<StreamOptions>().BindConfiguration($"{DailyfeedConfiguration.Root}:Streams");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainSerializer>();
        services.TryAddSingleton<OutboxGrainStorage>();
        services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) => provider.GetRequiredService<OutboxGrainStorage>());
        services.TryAddSingleton<OutboxRelay>();
        // Resolves to null on a silo without streams, so callers can tell replay is not available there.
        services.TryAddSingleton<IDeadLetterReplayer>(sp =>
            sp.GetService<StreamEventPublisher>() is null ? null! : ActivatorUtilities.CreateInstance<DeadLetterReplayer>(sp));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StreamPipelineLifecycle>();
        return silo;
    }
}

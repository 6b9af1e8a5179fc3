using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Hosting;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using global::Orleans;
using global::Orleans.Hosting;
using global::Orleans.Streams;
using Dailyfeed.Orleans.Outbox.Telemetry;

namespace Dailyfeed.Orleans.Outbox.Hosting;

/// <summary>
/// The Orleans stream provider Dailyfeed's outbox relay publishes on and its grains consume from
/// (<see cref="DailyfeedStreams.ProviderName"/>). Consumers subscribe implicitly, so no pub-sub state is kept.
/// </summary>
public static class DailyfeedStreamsExtensions
{
    /// <summary>
    /// The cluster's provider: the project's RabbitMQ persistent streams, options from <c>Dailyfeed:RabbitMq</c>
    /// (every silo must use the same queue prefix and count), listener dead letters in the silo's dead-letter store.
    /// </summary>
    public static ISiloBuilder AddDailyfeedRabbitMqStreams(this ISiloBuilder silo)
    {
        silo.AddRabbitMqStreams(
            DailyfeedStreams.ProviderName,
            options => options.BindConfiguration(DailyfeedStreams.RabbitMqSection).Configure<IConfiguration>(ApplyLegacyQueuePrefix),
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        silo.Services.AddKeyedSingleton<IListenerDeadLetterSink, DeadLetterStoreListenerSink>(DailyfeedStreams.ProviderName);
        AddPublisherAndMetrics(silo.Services);
        return silo;
    }

    /// <summary>
    /// The embedded default's provider: Orleans memory streams in this process. Events still wait in the outbox until
    /// the relay hands them over; a consumer that keeps failing is skipped after Orleans' delivery window (no broker,
    /// so no listener dead letters).
    /// </summary>
    public static ISiloBuilder AddDailyfeedMemoryStreams(this ISiloBuilder silo)
    {
        silo.AddMemoryStreams(DailyfeedStreams.ProviderName, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        AddPublisherAndMetrics(silo.Services);
        return silo;
    }

    private static void AddPublisherAndMetrics(IServiceCollection services)
    {
        services.TryAddSingleton<StreamEventPublisher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutgoingGrainCallFilter, StreamDeliveryMetricsFilter>());
    }

    /// <summary>
    /// The interim transport read <c>Dailyfeed:RabbitMq:QueuePrefix</c>; deployments that still set it (and not the
    /// provider's <c>QueueNamePrefix</c>) keep their own queue names instead of sharing the default ones.
    /// </summary>
    private static void ApplyLegacyQueuePrefix(RabbitMqStreamOptions options, IConfiguration configuration)
    {
        var legacy = configuration[$"{DailyfeedStreams.RabbitMqSection}:QueuePrefix"];
        if (!string.IsNullOrWhiteSpace(legacy) && configuration[$"{DailyfeedStreams.RabbitMqSection}:{nameof(RabbitMqStreamOptions.QueueNamePrefix)}"] is null)
        {
            options.QueueNamePrefix = legacy.TrimEnd('.', '-');
        }
    }
}

using System.Diagnostics.Metrics;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using global::Orleans.Runtime;
using Dailyfeed.ServiceDefaults.Telemetry;

namespace Dailyfeed.Orleans.Outbox.Telemetry;

/// <summary>
/// A silo's current values as observable gauges (meter "Dailyfeed.Silo"): activations, the grain-storage
/// circuit, and the stream backlog the alerts watch. The backlog needs store queries, which a scrape must not wait on,
/// so they run every <see cref="MetricsOptions.BacklogSampleInterval"/> here and the gauges report the last sample.
/// A process with no silo (the gateway in cluster mode) has none of these and this service does nothing.
/// </summary>
internal sealed partial class SiloGauges(IServiceProvider services, IMeterFactory meters, IOptions<MetricsOptions> options, ILogger<SiloGauges> logger)
    : BackgroundService
{
    public const string MeterName = "Dailyfeed.Silo";

    private long _outboxPending;
    private long _oldestWaitingSinceTicks;
    private long _publisherDeadLetters;
    private long _listenerDeadLetters;
    private int _sampleFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<OutboxGrainStorage>() is not { } storage)
        {
            return;
        }

        // From the host's meter factory, so the gauges go away with the host (tests run several in one process).
        var meter = meters.Create(MeterName);
        var silo = new KeyValuePair<string, object?>("silo", services.GetRequiredService<ILocalSiloDetails>().Name);
        var activations = services.GetRequiredService<IActivationWorkingSet>();
        meter.CreateObservableGauge("dailyfeed.activations", () => new Measurement<int>(activations.Count, silo),
            description: "Grain activations in this silo's working set");
        meter.CreateObservableGauge("dailyfeed.circuit.open",
            () => new Measurement<int>(storage.Circuit is CircuitState.Closed ? 0 : 1, new("dependency", "grain storage"), silo),
            description: "1 while the circuit to a dependency is open or half-open");

        if (services.GetService<IStreamOutboxStore>() is not { } outbox || services.GetService<IDeadLetterStore>() is not { } deadLetters)
        {
            return;
        }

        meter.CreateObservableGauge("dailyfeed.outbox.pending", () => Volatile.Read(ref _outboxPending),
            description: "Activity events written with their grain's state and not yet published (last sample)");
        meter.CreateObservableGauge("dailyfeed.outbox.oldest_age_seconds", OldestAgeSeconds,
            description: "How long the oldest unpublished activity event has waited, in seconds (0 when none; its creation time is sampled)");
        meter.CreateObservableGauge("dailyfeed.dead_letters.open", () => (IEnumerable<Measurement<long>>)
            [
                new(Volatile.Read(ref _publisherDeadLetters), new KeyValuePair<string, object?>("kind", "publisher")),
                new(Volatile.Read(ref _listenerDeadLetters), new KeyValuePair<string, object?>("kind", "listener")),
            ],
            description: "Dead letters not yet replayed, by kind (last sample)");
        meter.CreateObservableGauge("dailyfeed.backlog.sample_failed", () => Volatile.Read(ref _sampleFailed),
            description: "1 when the last backlog sample could not reach the store (the backlog gauges then hold older values)");

        using var timer = new PeriodicTimer(options.Value.BacklogSampleInterval);
        do
        {
            await SampleAsync(outbox, deadLetters, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SampleAsync(IStreamOutboxStore outbox, IDeadLetterStore deadLetters, CancellationToken token)
    {
        var max = options.Value.MaxCountedDeadLetters;
        try
        {
            Volatile.Write(ref _outboxPending, await outbox.CountAsync(token));
            Volatile.Write(ref _oldestWaitingSinceTicks, (await outbox.OldestCreatedAtAsync(token))?.UtcTicks ?? 0);
            Volatile.Write(ref _publisherDeadLetters, (await deadLetters.ListAsync(DeadLetterKind.Publisher, false, max, token)).Count);
            Volatile.Write(ref _listenerDeadLetters, (await deadLetters.ListAsync(DeadLetterKind.Listener, false, max, token)).Count);
            Volatile.Write(ref _sampleFailed, 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is down: the gauge says so, and the next tick tries again.
            Volatile.Write(ref _sampleFailed, 1);
            LogSampleFailed(ex);
        }
    }

    /// <summary>The oldest sampled row's age now, so the gauge keeps growing between samples while nothing moves.</summary>
    private double OldestAgeSeconds()
    {
        var since = Volatile.Read(ref _oldestWaitingSinceTicks);
        return since == 0 ? 0 : Math.Max(0, (DateTime.UtcNow.Ticks - since) / (double)TimeSpan.TicksPerSecond);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample the stream backlog for /metrics")]
    private partial void LogSampleFailed(Exception exception);
}

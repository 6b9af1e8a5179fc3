using Dailyfeed.Orleans.Hosting;
using Dailyfeed.ServiceDefaults.Resilience;
using Dailyfeed.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// Publishes outbox rows on their Orleans streams and deletes them once the provider confirmed them. A row whose publish keeps failing backs off
/// exponentially and, after the configured attempts, moves to publisher_dead_letters for replay. A crash between
/// publish and delete publishes the row twice; consumers deduplicate by message key. Publishes go through the broker's
/// circuit: while it is open the relay leaves the outbox alone, so a dead broker burns no attempts and costs no waits.
/// </summary>
internal sealed class OutboxRelay
{
    private readonly IStreamOutboxStore _outbox;
    private readonly StreamEventPublisher _publisher;
    private readonly StreamOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly PeriodicLoop _loop;
    private readonly DependencyPipeline _broker;

    public OutboxRelay(
        IStreamOutboxStore outbox,
        StreamEventPublisher publisher,
        IOptions<StreamOptions> options,
        IOptions<ResilienceOptions> resilience,
        TimeProvider clock,
        ILogger<OutboxRelay> logger)
    {
        _broker = new DependencyPipeline("stream broker", resilience.Value.Broker, logger);
        _outbox = outbox;
        _publisher = publisher;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _loop = new PeriodicLoop(_options.OutboxPollInterval, DrainAsync, ex => logger.LogWarning(ex, "Outbox relay pass failed; retrying"));
    }

    public void Start() => _loop.Start();

    public Task StopAsync() => _loop.StopAsync();

    /// <summary>One pass over the outbox; returns how many rows were published.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        if (_broker.IsBreaking)
        {
            return 0;
        }

        var entries = await _outbox.ClaimAsync(_options.OutboxBatchSize, _options.OutboxClaimLease, cancellationToken).ConfigureAwait(false);
        var published = new List<long>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                await _broker.ExecuteAsync(token => _publisher.PublishAsync(entry.Event, token), cancellationToken).ConfigureAwait(false);
                published.Add(entry.Sequence);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await HandleFailureAsync(entry, ex, cancellationToken).ConfigureAwait(false);
            }
        }

        if (published.Count > 0)
        {
            await _outbox.CompleteAsync(published, cancellationToken).ConfigureAwait(false);
        }

        return published.Count;
    }

    private async Task HandleFailureAsync(OutboxEntry entry, Exception error, CancellationToken cancellationToken)
    {
        var attempts = entry.Attempts + 1;
        if (attempts >= _options.MaxPublishAttempts)
        {
            await _outbox.MoveToDeadLettersAsync(entry.Sequence, error.Message, cancellationToken).ConfigureAwait(false);
            PlatformMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("kind", "publisher"));
            _logger.LogError("Event {MessageKey} moved to publisher dead letters after {Attempts} publish attempts", entry.Event.MessageKey, attempts);
            return;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(_options.PublishBackoff.Ticks << Math.Min(attempts - 1, 20), _options.MaxPublishBackoff.Ticks));
        await _outbox.ReleaseAsync(entry.Sequence, _clock.GetUtcNow() + backoff, cancellationToken).ConfigureAwait(false);
        PlatformMetrics.PublishRetries.Add(1);
        _logger.LogWarning("Publishing {MessageKey} failed (attempt {Attempts}): {Error}", entry.Event.MessageKey, attempts, error.Message);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await RelayOnceAsync(cancellationToken).ConfigureAwait(false) == _options.OutboxBatchSize)
        {
            // A full batch means more is waiting: keep going without sleeping.
        }
    }
}

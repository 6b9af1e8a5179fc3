using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// Publishes outbox rows to the broker and deletes them once confirmed. A row whose publish keeps failing backs off
/// exponentially and, after the configured attempts, moves to publisher_dead_letters for replay. A crash between
/// publish and delete publishes the row twice; consumers deduplicate by message key.
/// </summary>
internal sealed class OutboxRelay(
    IStreamOutboxStore outbox,
    IStreamTransport transport,
    IOptions<StreamOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger)
{
    private readonly StreamOptions _options = options.Value;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop!.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop = null;
    }

    /// <summary>One pass over the outbox; returns how many rows were published.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        var entries = await outbox.ClaimAsync(_options.OutboxBatchSize, _options.OutboxClaimLease, cancellationToken).ConfigureAwait(false);
        var published = new List<long>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                await transport.PublishAsync(entry.Event, cancellationToken).ConfigureAwait(false);
                published.Add(entry.Sequence);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await HandleFailureAsync(entry, ex, cancellationToken).ConfigureAwait(false);
            }
        }

        if (published.Count > 0)
        {
            await outbox.CompleteAsync(published, cancellationToken).ConfigureAwait(false);
        }

        return published.Count;
    }

    private async Task HandleFailureAsync(OutboxEntry entry, Exception error, CancellationToken cancellationToken)
    {
        var attempts = entry.Attempts + 1;
        if (attempts >= _options.MaxPublishAttempts)
        {
            await outbox.MoveToDeadLettersAsync(entry.Sequence, error.Message, cancellationToken).ConfigureAwait(false);
            logger.LogError("Event {MessageKey} moved to publisher dead letters after {Attempts} publish attempts", entry.Event.MessageKey, attempts);
            return;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(_options.PublishBackoff.Ticks << Math.Min(attempts - 1, 20), _options.MaxPublishBackoff.Ticks));
        await outbox.ReleaseAsync(entry.Sequence, clock.GetUtcNow() + backoff, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Publishing {MessageKey} failed (attempt {Attempts}): {Error}", entry.Event.MessageKey, attempts, error.Message);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.OutboxPollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                while (await RelayOnceAsync(cancellationToken).ConfigureAwait(false) == _options.OutboxBatchSize)
                {
                    // A full batch means more is waiting: keep going without sleeping.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; retrying");
            }
        }
    }
}

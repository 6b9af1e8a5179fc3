using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// Replays claimed dead letters. A publisher row never reached its stream: it is published on it now. A listener row
/// reached the stream but its consumer gave up: it goes straight to that consumer (<see cref="IListenerReplayTarget"/>),
/// so the replay counts only when the consumer takes it, and a consumer that is still broken leaves the row open
/// with its new error (the periodic replay then neither re-parks it nor holds up the stream). Consumers dedupe by
/// message key, so an event that did arrive meanwhile is not applied twice.
/// </summary>
internal sealed class DeadLetterReplayer(
    IDeadLetterStore store,
    StreamEventPublisher publisher,
    IEnumerable<IListenerReplayTarget> listenerTargets,
    IOptions<StreamOptions> options,
    ILogger<DeadLetterReplayer> logger) : IDeadLetterReplayer
{
    public async Task<ReplayResult> ReplayAsync(DeadLetterKind kind, int maxRows, CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(kind, maxRows, options.Value.DeadLetterClaimTimeout, cancellationToken).ConfigureAwait(false);
        var replayed = 0;
        foreach (var row in claimed)
        {
            try
            {
                await (kind == DeadLetterKind.Publisher
                    ? publisher.PublishAsync(row.Event, cancellationToken)
                    : ListenerTargetOrThrow(row.Event).ReplayAsync(row.Event)).ConfigureAwait(false);
                await store.CompleteAsync(kind, row.Id, cancellationToken).ConfigureAwait(false);
                replayed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Replay of {Kind} dead letter {Id} ({MessageKey}) failed", kind, row.Id, row.Event.MessageKey);
                await store.ReleaseAsync(kind, row.Id, ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ReplayResult(claimed.Count, replayed, claimed.Count - replayed);
    }

    private IListenerReplayTarget ListenerTargetOrThrow(StreamEvent streamEvent) =>
        listenerTargets.FirstOrDefault(target => target.Stream == streamEvent.Stream)
        ?? throw new InvalidOperationException($"No consumer on this silo replays stream '{streamEvent.Stream}'.");

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken) =>
        store.ListAsync(kind, includeCompleted, maxRows, cancellationToken);
}

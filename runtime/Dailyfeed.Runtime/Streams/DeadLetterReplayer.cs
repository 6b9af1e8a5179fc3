using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Streams;

/// <summary>
/// Replays claimed dead letters by publishing them on their Orleans stream again. A publisher row never reached the
/// stream; a listener row reached it but its consumer gave up, so once the consumer is fixed the republished event is
/// handled (consumers dedupe by message key, so an event that did arrive meanwhile is not applied twice). A listener
/// row whose consumer is still broken comes back as a new listener dead letter after the delivery bound.
/// </summary>
internal sealed class DeadLetterReplayer(
    IDeadLetterStore store,
    StreamEventPublisher publisher,
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
                await publisher.PublishAsync(row.Event, cancellationToken).ConfigureAwait(false);
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

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows, CancellationToken cancellationToken) =>
        store.ListAsync(kind, includeCompleted, maxRows, cancellationToken);
}

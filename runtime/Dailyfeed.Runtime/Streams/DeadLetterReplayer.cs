using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Streams;

/// <summary>Replays claimed dead letters: publisher rows to the broker, listener rows to their subscriber grain.</summary>
internal sealed class DeadLetterReplayer(
    IDeadLetterStore store,
    IStreamTransport transport,
    StreamSubscriptions subscriptions,
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
                    ? transport.PublishAsync(row.Event, cancellationToken)
                    : subscriptions.DeliverAsync(row.Event)).ConfigureAwait(false);
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

using Dailyfeed.Orleans.Outbox.Streams;

namespace Dailyfeed.Grains.Abstractions.Activities;

/// <summary>Replays dead letters on a durable reminder and on demand (Batch). One grain, key <see cref="DeadLetterReplay.Key"/>.</summary>
[Alias("dailyfeed.activities.IDeadLetterReplayGrain")]
public interface IDeadLetterReplayGrain : IGrainWithStringKey
{
    Task<ReplayResult> ReplayAsync(DeadLetterKind kind, int maxRows);

    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterKind kind, bool includeCompleted, int maxRows);

    Task EnsureScheduledAsync();
}

public static class DeadLetterReplay
{
    public const string Key = "global";
}

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// Hands one listener dead letter of a stream straight to the consumer that gave it up (a grain call), so a replay
/// succeeds only when the consumer takes it and a consumer that is still broken leaves the row open with the new
/// error, instead of parking the event again through the stream's delivery bound. One per consumed stream.
/// </summary>
public interface IListenerReplayTarget
{
    /// <summary>The stream namespace (<see cref="StreamEvent.Stream"/>) whose dead letters this target replays.</summary>
    string Stream { get; }

    /// <summary>Delivers the event to its consumer; throws what the consumer threw.</summary>
    Task ReplayAsync(StreamEvent streamEvent);
}

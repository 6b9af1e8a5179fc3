namespace Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;

/// <summary>
/// Where events that failed every delivery attempt are kept. The provider acknowledges the broker message only
/// after <see cref="RecordAsync"/> completes; when it throws, the message is returned to its queue and delivered
/// again, so a sink that is down loses nothing. Register one per silo (a keyed service under the provider name
/// wins over an unkeyed one); recording the same <see cref="ListenerDeadLetter.MessageKey"/> twice must be harmless.
/// </summary>
public interface IListenerDeadLetterSink
{
    Task RecordAsync(ListenerDeadLetter deadLetter);
}

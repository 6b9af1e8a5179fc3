namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>
/// One event on a named stream. <see cref="Key"/> picks the subscribing grain (its primary key); <see cref="MessageKey"/>
/// is the idempotency key consumers deduplicate by; <see cref="Traceparent"/> carries the W3C trace context of the
/// request that caused it.
/// </summary>
public sealed record StreamEvent(
    Guid Id,
    string Stream,
    string Key,
    string MessageKey,
    string Type,
    string Category,
    string Payload,
    string? Traceparent,
    DateTimeOffset CreatedAt);

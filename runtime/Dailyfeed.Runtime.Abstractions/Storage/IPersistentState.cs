namespace Dailyfeed.Runtime;

/// <summary>
/// One named piece of durable grain state. Writes carry the ETag read last; a stale ETag raises
/// <see cref="InconsistentStateException"/> so that two activations of one grain can never overwrite each other.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The version last read or written; null when no record exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

using Dailyfeed.Orleans.Outbox.Streams;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.OutboxStorage;

[Alias("dailyfeed.tests.outbox.IOutboxProbeGrain")]
public interface IOutboxProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds an entry to the state and raises an event for it, committed together.</summary>
    [Alias("Record")] Task RecordAsync(string entry);

    /// <summary>Raises an event for an entry without changing the state.</summary>
    [Alias("Announce")] Task AnnounceAsync(string entry);

    [Alias("Entries")] Task<IReadOnlyList<string>> GetEntriesAsync();

    /// <summary>Which activation answers, so a test can tell that Orleans replaced it.</summary>
    [Alias("Activation")] Task<string> GetActivationAsync();
}

public sealed class OutboxProbeState
{
    public List<string> Entries { get; set; } = [];
}

/// <summary>A grain as the production grains write: state through the default storage, events through the outbox.</summary>
public sealed class OutboxProbeGrain([PersistentState(OutboxProbeGrain.StateName)] IPersistentState<OutboxProbeState> probe)
    : Grain, IOutboxProbeGrain
{
    public const string StateName = "outbox-probe";
    public const string Stream = "outbox-probe";

    public async Task RecordAsync(string entry)
    {
        probe.State.Entries.Add(entry);
        this.EnqueueEvent(EventFor(entry));
        await probe.WriteStateAsync();
    }

    public Task AnnounceAsync(string entry)
    {
        this.EnqueueEvent(EventFor(entry));
        return this.FlushEventsAsync();
    }

    public Task<IReadOnlyList<string>> GetEntriesAsync() => Task.FromResult<IReadOnlyList<string>>([.. probe.State.Entries]);

    public Task<string> GetActivationAsync() => Task.FromResult(GrainContext.ActivationId.ToString());

    /// <summary>The entry is the message key, so a test finds each event by the change it belongs to.</summary>
    private StreamEvent EventFor(string entry) => new(
        Id: Guid.NewGuid(),
        Stream: Stream,
        Key: this.GetPrimaryKeyString(),
        MessageKey: entry,
        Type: "ProbeEntryRecorded",
        Category: "test",
        Payload: entry,
        Traceparent: null,
        CreatedAt: DateTimeOffset.UtcNow);
}

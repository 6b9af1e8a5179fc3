using System.Globalization;

namespace Dailyfeed.Runtime;

/// <summary>
/// Base class of every grain implementation. The runtime sets the context before <see cref="OnActivateAsync"/>
/// and runs one request at a time on each activation unless a method opts into interleaving.
/// </summary>
public abstract class Grain : IGrain
{
    private IGrainContext? _context;

    internal void Attach(IGrainContext context) => _context = context;

    protected IGrainContext Context =>
        _context ?? throw new InvalidOperationException("The grain has not been activated by the runtime.");

    public GrainId GrainId => Context.GrainId;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    public string GetPrimaryKeyString() => GrainId.Key;

    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "D");

    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    /// <summary>
    /// A timer ticks inside the grain's turns (never concurrently with a request) and dies with the activation.
    /// Use a reminder for anything that must survive deactivation or a silo failure.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// Queues a stream event. It is stored in the same transaction as the grain's next state write, so a state change
    /// that was acknowledged is never without its event.
    /// </summary>
    protected void EnqueueEvent(Streams.StreamEvent streamEvent) => Context.EnqueueEvent(streamEvent);

    /// <summary>Stores queued events without a state change.</summary>
    protected Task FlushEventsAsync() => Context.FlushEventsAsync();

    protected Task<IGrainReminder> RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.Reminders.RegisterOrUpdateAsync(GrainId, name, dueTime, period);

    protected Task UnregisterReminderAsync(string name) => Context.Reminders.UnregisterAsync(GrainId, name);

    protected Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync() => Context.Reminders.ListAsync(GrainId);
}

public enum DeactivationReason
{
    IdleTimeout,
    Requested,
    SiloShuttingDown,
    PlacementChanged,
    ActivationFailed,
}

using System.Diagnostics;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Dailyfeed.Grains.Activities;

/// <summary>
/// The member's activity log. An event is upserted by its message key, so a redelivery or a replay of an event that
/// already arrived changes nothing. An event that is not this member's, or that cannot be read, is refused (and ends in
/// listener dead letters after the provider's delivery attempts). Events arrive on the member's own member-activity
/// stream, which every activity grain consumes implicitly (stream key = member id); <see cref="OnNextAsync"/> stays
/// callable so a delivery can also be made as a plain grain call.
/// </summary>
[GrainPool(GrainPools.Read)]
[ImplicitStreamSubscription(ActivityStreams.MemberActivity)]
public sealed class ActivityGrain(
    [PersistentState("activity_log")] IPersistentState<ActivityLogState> log,
    IOptions<ActivityOptions> options) : Grain, IActivityGrain, IStreamSubscriptionObserver
{
    /// <summary>Orleans offers the implicit subscription on the first delivery to this activation; every event goes to <see cref="OnNextAsync"/>.</summary>
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<StreamEvent>().ResumeAsync(new StreamObserver(this));

    public async Task OnNextAsync(StreamEvent streamEvent)
    {
        var activity = ActivityEventMapper.ToActivityOrThrow(streamEvent);
        if (activity.MemberId != this.GetPrimaryKeyLong())
        {
            throw new InvalidOperationException($"Event {streamEvent.MessageKey} belongs to member {activity.MemberId}, not {this.GetPrimaryKeyLong()}.");
        }

        var entries = log.State.Entries;
        var existing = entries.FindIndex(e => e.MessageKey == streamEvent.MessageKey);
        if (existing >= 0 && entries[existing].Activity == activity)
        {
            return;
        }

        if (existing >= 0)
        {
            entries.RemoveAt(existing);
        }

        var position = entries.FindIndex(e => e.Activity.CreatedAt <= activity.CreatedAt);
        entries.Insert(position < 0 ? entries.Count : position, new ActivityLogState.Entry(streamEvent.MessageKey, activity));
        if (entries.Count > options.Value.MaxEntriesPerMember)
        {
            entries.RemoveRange(options.Value.MaxEntriesPerMember, entries.Count - options.Value.MaxEntriesPerMember);
        }

        await log.WriteStateAsync();
    }

    public Task<Slice<MemberActivity>> GetPageAsync(PageRequest page) =>
        Task.FromResult(Slices.Of(log.State.Entries.Select(e => e.Activity), page));

    /// <summary>
    /// The stream side of the grain. A throw goes back to the pulling agent, which retries within the provider's
    /// delivery bound and then dead-letters the event. Each delivery is a span of the trace of the request that
    /// raised the event (its traceparent travels in the event), whichever silo and whenever it is delivered.
    /// </summary>
    private sealed class StreamObserver(ActivityGrain grain) : IAsyncObserver<StreamEvent>
    {
        public async Task OnNextAsync(StreamEvent item, StreamSequenceToken? token = null)
        {
            using var delivery = TraceContext.StartActivity($"{item.Stream} deliver", ActivityKind.Consumer, item.Traceparent);
            await grain.OnNextAsync(item);
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}

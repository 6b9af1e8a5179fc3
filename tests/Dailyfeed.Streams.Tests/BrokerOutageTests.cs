using System.Diagnostics;
using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Orleans.Outbox.Streams;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// Issue #22's outage: the broker is stopped for 30 s while 500 writes are spread over the outage. Every write is
/// acknowledged, and once the broker is back every event reaches its consumer and is stored exactly once.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerOutageTests(PrivateBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writes = 500;
    private const int FollowsPerMember = 10;
    private const int Members = Writes / FollowsPerMember + 1;

    /// <summary>Writes go out in small waves, one wave per slot of the outage, so they cover all of it.</summary>
    private const int WriteWave = 10;

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>Draining 500 events through publisher dead-letter replay on a loaded 2-core machine: generous.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    private StreamCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StreamCluster.DeployAsync(broker);

    public async Task DisposeAsync()
    {
        // A failed test may have left the broker stopped; the next test of the collection needs it up.
        await broker.StartAppAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task With_the_broker_stopped_for_30_s_500_writes_all_succeed_and_each_event_arrives_exactly_once_after()
    {
        var ids = await RegisterMembersAsync(Members);
        var expected = ids.Take(Members - 1).ToDictionary(id => id, id => ids.Where(t => t != id).Take(FollowsPerMember).ToList());
        var follows = expected.SelectMany(e => e.Value.Select(target => (Follower: e.Key, Target: target))).ToList();
        follows.Count.ShouldBe(Writes);
        // The signups' own events go out first, so what waits during the outage is the follows' and nothing else.
        await Eventually.HoldsAsync(async () => await WaitingEventsAsync() == 0, Patience, "the signups' events were never published");

        await broker.StopAppAsync();
        var outage = Stopwatch.StartNew();
        var waves = follows.Chunk(WriteWave).ToList();
        var slot = Outage / waves.Count;
        for (var wave = 0; wave < waves.Count; wave++)
        {
            // Behind schedule on a slow machine: no wait, the writes simply take longer than the outage's start.
            var due = slot * wave - outage.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            // Each call returns only once the follow and its outbox event are committed: that is the acknowledgement.
            await Task.WhenAll(waves[wave].Select(f => _cluster.Grains.GetGrain<IFollowGrain>(FollowEdges.Key(f.Follower, f.Target)).FollowAsync()));
        }

        var writesTook = outage.Elapsed;
        var waiting = await WaitingEventsAsync();
        var parked = (await PublisherDeadLettersAsync()).Count;
        while (outage.Elapsed < Outage)
        {
            // A loop: a timer may fire a little before the stopwatch says the time is up.
            await Task.Delay(Outage - outage.Elapsed);
        }

        var outageLasted = outage.Elapsed;
        await broker.StartAppAsync();
        output.WriteLine($"{Writes} writes acknowledged over {writesTook.TotalSeconds:F1} s of a {outageLasted.TotalSeconds:F1} s outage; " +
                         $"{waiting} events waited, {waiting - parked} in the outbox and {parked} in publisher dead letters");
        waiting.ShouldBe(Writes, "every acknowledged follow has its one event waiting while the broker is down");
        outageLasted.ShouldBeGreaterThanOrEqualTo(Outage);

        var back = Stopwatch.StartNew();
        var replayer = _cluster.Grains.GetGrain<IDeadLetterReplayGrain>(DeadLetterReplay.Key);
        await Eventually.HoldsAsync(async () =>
        {
            // What the replay reminder does in production, sooner: publisher dead letters go back on their streams.
            await replayer.ReplayAsync(DeadLetterKind.Publisher, Writes);
            return await WaitingEventsAsync() == 0;
        }, Patience, "the outbox and publisher dead letters never drained");
        await Eventually.HoldsAsync(async () => (await FollowsSeenAsync(expected.Keys)).Sum(f => f.Value.Count) >= Writes, Patience,
            "not every follow event reached its member's activity log");
        output.WriteLine($"all {Writes} events arrived {back.Elapsed.TotalSeconds:F1} s after the broker returned");

        var seen = await FollowsSeenAsync(expected.Keys);
        var duplicated = seen.SelectMany(m => m.Value.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => $"{m.Key}->{g.Key} x{g.Count()}")).ToList();
        duplicated.ShouldBeEmpty("each event is stored once");
        foreach (var (member, targets) in expected)
        {
            seen[member].ShouldBe(targets, ignoreOrder: true, $"member {member}'s follows");
        }
    }

    /// <summary>Events not yet handed to the broker: outbox rows and open publisher dead letters.</summary>
    private async Task<int> WaitingEventsAsync() =>
        await _cluster.SiloService<IStreamOutboxStore>().CountAsync(CancellationToken.None) + (await PublisherDeadLettersAsync()).Count;

    private Task<IReadOnlyList<DeadLetter>> PublisherDeadLettersAsync() =>
        _cluster.SiloService<IDeadLetterStore>().ListAsync(DeadLetterKind.Publisher, false, Writes * 2, CancellationToken.None);

    /// <summary>Each member's follow activities, as the targets followed (a target twice would be a duplicate).</summary>
    private async Task<Dictionary<long, List<long>>> FollowsSeenAsync(IEnumerable<long> members)
    {
        var seen = new Dictionary<long, List<long>>();
        foreach (var member in members)
        {
            seen[member] = (await _cluster.ActivitiesAsync(member))
                .Where(a => a.MemberActivityType == MemberActivityType.MEMBER_FOLLOW).Select(a => a.TargetMemberId!.Value).ToList();
        }

        return seen;
    }

    private async Task<IReadOnlyList<long>> RegisterMembersAsync(int count)
    {
        var first = await _cluster.Grains.GetGrain<IIdAllocatorGrain>("member").ReserveAsync(count);
        var ids = Enumerable.Range(0, count).Select(i => first + i).ToList();
        await Task.WhenAll(ids.Select(id => _cluster.Grains.GetGrain<IMemberGrain>(id).RegisterAsync(
            new MemberRegistration($"s{id}-{Guid.NewGuid():N}@example.com", "Str0ng!Pass", "Streamer", $"s_{id}_{Guid.NewGuid():N}"[..20]))));
        return ids;
    }
}

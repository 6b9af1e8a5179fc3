using Dailyfeed.Grains.ReadModels;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace Dailyfeed.Api.Tests.ReadPool;

/// <summary>The per-silo copies behind the read pool's lists: when a copy is served, fetched again, kept or dropped.</summary>
public sealed class ReplicaTableTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new();
    private readonly ReplicaTable<string> _table;
    private int _fetches;

    public ReplicaTableTests() => _table = new ReplicaTable<string>(capacity: 100, MaxAge, _clock);

    [Fact]
    public async Task A_copy_is_served_until_it_is_older_than_the_bound_then_fetched_again()
    {
        (await _table.GetAsync(1, Fetch("v1"))).ShouldBe("v1");
        _clock.Advance(MaxAge - TimeSpan.FromSeconds(1));
        _table.TryGetFresh(1, _clock.GetTimestamp(), out var fresh).ShouldBeTrue();
        fresh.ShouldBe("v1");
        (await _table.GetAsync(1, Fetch("v2"))).ShouldBe("v1");

        _clock.Advance(TimeSpan.FromSeconds(2));
        _table.TryGetFresh(1, _clock.GetTimestamp(), out _).ShouldBeFalse();
        (await _table.GetAsync(1, Fetch("v2"))).ShouldBe("v2");
        _fetches.ShouldBe(2);
    }

    [Fact]
    public async Task Readers_that_miss_together_share_one_fetch()
    {
        var owner = new TaskCompletionSource<string>();
        var readers = Enumerable.Range(0, 5).Select(_ => _table.GetAsync(1, _ => { _fetches++; return owner.Task; })).ToList();
        owner.SetResult("v1");

        (await Task.WhenAll(readers)).ShouldAllBe(value => value == "v1");
        _fetches.ShouldBe(1);
    }

    [Fact]
    public async Task A_notice_drops_the_copy_and_a_fetch_under_way_is_not_kept_nor_joined()
    {
        (await _table.GetAsync(1, Fetch("v1"))).ShouldBe("v1");
        _table.Invalidate(1);
        _table.TryGetFresh(1, _clock.GetTimestamp(), out _).ShouldBeFalse();

        var slowRead = new TaskCompletionSource<string>();
        var before = _table.GetAsync(1, _ => slowRead.Task);
        _table.Invalidate(1);
        var after = _table.GetAsync(1, Fetch("v3"));
        slowRead.SetResult("v2, read before the change");

        (await before).ShouldBe("v2, read before the change");
        (await after).ShouldBe("v3", "a reader after the notice does not wait for the fetch it made stale");
        (await _table.GetAsync(1, Fetch("v4"))).ShouldBe("v3");
    }

    [Fact]
    public async Task A_failed_fetch_is_answered_from_an_expired_copy_but_never_from_one_a_notice_dropped()
    {
        await _table.GetAsync(1, Fetch("v1"));
        _clock.Advance(MaxAge * 2);
        (await _table.GetAsync(1, Failing)).ShouldBe("v1", "the owning silo is down: the last copy beats an error");

        _table.Invalidate(1);
        await Should.ThrowAsync<TimeoutException>(() => _table.GetAsync(1, Failing));
    }

    [Fact]
    public async Task Past_its_capacity_the_table_drops_the_copies_fetched_longest_ago()
    {
        for (var id = 0L; id < 150; id++)
        {
            await _table.GetAsync(id, Fetch($"post {id}"));
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        _table.Count.ShouldBeLessThanOrEqualTo(100);
        _table.TryGetFresh(149, _clock.GetTimestamp(), out _).ShouldBeTrue();
        _table.TryGetFresh(0, _clock.GetTimestamp(), out _).ShouldBeFalse();
    }

    private Func<long, Task<string>> Fetch(string value) => _ =>
    {
        _fetches++;
        return Task.FromResult(value);
    };

    private static Task<string> Failing(long id) => Task.FromException<string>(new TimeoutException($"post {id} did not answer"));
}

using Dailyfeed.Runtime.Reminders;

namespace Dailyfeed.Runtime.Providers.Tests.Contracts;

/// <summary>
/// What every <see cref="IReminderTable"/> must guarantee: durable rows and a compare-and-set tick claim, so that two
/// silos never fire the same tick. Each test gets a fresh, empty table.
/// </summary>
public abstract class ReminderTableContractTests : IAsyncLifetime
{
    private const int ClaimRounds = 25;
    private const int Claimers = 6;

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private IReminderTable? _table;

    protected IReminderTable Table => _table ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected abstract Task<IReminderTable> CreateTableAsync();

    public async Task InitializeAsync() => _table = await CreateTableAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Upserted_reminders_read_back_in_full_and_per_grain()
    {
        var grain = NewGrain();
        var other = NewGrain();
        var first = NewEntry(grain, "first");
        var second = NewEntry(grain, "second") with { LastTickAt = first.StartAt + Period };
        await Table.UpsertAsync(first, default);
        await Table.UpsertAsync(second, default);
        await Table.UpsertAsync(NewEntry(other, "first"), default);

        (await Table.ReadForGrainAsync(grain, default)).OrderBy(e => e.Name).ShouldBe([first, second]);
        (await Table.ReadAllAsync(default)).Count.ShouldBe(3);
        (await Table.ReadForGrainAsync(NewGrain(), default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Upsert_replaces_the_schedule_and_resets_the_tick_history()
    {
        var grain = NewGrain();
        var original = NewEntry(grain, "daily");
        await Table.UpsertAsync(original, default);
        (await Table.TryClaimTickAsync(grain, "daily", null, original.StartAt, default)).ShouldBeTrue();

        var replacement = NewEntry(grain, "daily") with { StartAt = original.StartAt + Period, Period = Period * 2 };
        await Table.UpsertAsync(replacement, default);

        (await Table.ReadForGrainAsync(grain, default)).ShouldHaveSingleItem().ShouldBe(replacement);
    }

    [Fact]
    public async Task Delete_removes_only_the_named_reminder_and_reports_whether_it_existed()
    {
        var grain = NewGrain();
        await Table.UpsertAsync(NewEntry(grain, "keep"), default);
        await Table.UpsertAsync(NewEntry(grain, "drop"), default);

        (await Table.DeleteAsync(grain, "drop", default)).ShouldBeTrue();
        (await Table.DeleteAsync(grain, "drop", default)).ShouldBeFalse();

        (await Table.ReadForGrainAsync(grain, default)).ShouldHaveSingleItem().Name.ShouldBe("keep");
    }

    [Fact]
    public async Task A_tick_is_claimed_once_and_the_next_claim_needs_the_new_last_tick()
    {
        var grain = NewGrain();
        var entry = NewEntry(grain, "tick");
        await Table.UpsertAsync(entry, default);
        var firstTick = entry.StartAt;
        var secondTick = entry.StartAt + Period;

        (await Table.TryClaimTickAsync(grain, "tick", null, firstTick, default)).ShouldBeTrue();
        (await Table.TryClaimTickAsync(grain, "tick", null, firstTick, default)).ShouldBeFalse();
        (await Table.TryClaimTickAsync(grain, "tick", firstTick, secondTick, default)).ShouldBeTrue();
        (await Table.TryClaimTickAsync(grain, "tick", firstTick, secondTick + Period, default)).ShouldBeFalse();

        (await Table.ReadForGrainAsync(grain, default)).ShouldHaveSingleItem().LastTickAt.ShouldBe(secondTick);
    }

    [Fact]
    public async Task A_claim_can_expect_the_last_tick_exactly_as_read_back()
    {
        // Silos claim with the LastTickAt they read; the stored precision must not make that value unmatchable.
        var grain = NewGrain();
        await Table.UpsertAsync(NewEntry(grain, "tick"), default);
        (await Table.TryClaimTickAsync(grain, "tick", null, DateTimeOffset.UtcNow, default)).ShouldBeTrue();
        var readBack = (await Table.ReadForGrainAsync(grain, default)).ShouldHaveSingleItem().LastTickAt;

        (await Table.TryClaimTickAsync(grain, "tick", readBack, DateTimeOffset.UtcNow + Period, default)).ShouldBeTrue();
    }

    [Fact]
    public async Task Claiming_a_tick_of_a_missing_reminder_fails()
    {
        (await Table.TryClaimTickAsync(NewGrain(), "none", null, DateTimeOffset.UtcNow, default)).ShouldBeFalse();
    }

    [Fact]
    public async Task Concurrent_claimers_of_the_same_tick_have_exactly_one_winner()
    {
        var grain = NewGrain();
        var entry = NewEntry(grain, "contended");
        await Table.UpsertAsync(entry, default);
        DateTimeOffset? lastTick = null;

        for (var round = 0; round < ClaimRounds; round++)
        {
            var tick = entry.StartAt + (Period * round);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claims = Enumerable.Range(0, Claimers).Select(async _ =>
            {
                await gate.Task;
                return await Table.TryClaimTickAsync(grain, "contended", lastTick, tick, default);
            }).ToList();
            gate.SetResult();

            (await Task.WhenAll(claims)).Count(won => won).ShouldBe(1);
            lastTick = tick;
        }
    }

    private static GrainId NewGrain() => new("IReminderGrain", Guid.NewGuid().ToString("D"));

    private static ReminderEntry NewEntry(GrainId grain, string name)
    {
        // Whole milliseconds, so equality after the round trip holds in every store.
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new ReminderEntry(grain, name, start, Period, null);
    }
}

using Dailyfeed.Orleans.Sqlite.Providers;
using Orleans;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.Sqlite;

/// <summary>The <see cref="IReminderTable"/> contract of <see cref="SqliteReminderTable"/>, without a silo.</summary>
public sealed class SqliteReminderTableContractTests : IAsyncLifetime, IDisposable
{
    private const string ReminderName = "digest";
    private const int RangeGrainCount = 12;

    private readonly SqliteTestFile file = new();
    private readonly SqliteReminderTable table;

    public SqliteReminderTableContractTests()
    {
        table = new SqliteReminderTable(file.CreateOptions());
    }

    public Task InitializeAsync() => table.StartAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_schedule_and_etag()
    {
        var grainId = NewGrainId();
        var startAt = new DateTime(2026, 12, 1, 10, 30, 15, DateTimeKind.Utc).AddTicks(1234);

        var eTag = await table.UpsertRow(Entry(grainId, ReminderName, startAt, TimeSpan.FromMinutes(5)));

        var row = (await table.ReadRow(grainId, ReminderName)).ShouldNotBeNull();
        row.GrainId.ShouldBe(grainId);
        row.ReminderName.ShouldBe(ReminderName);
        row.StartAt.ShouldBe(startAt);
        row.StartAt.Kind.ShouldBe(DateTimeKind.Utc);
        row.Period.ShouldBe(TimeSpan.FromMinutes(5));
        row.ETag.ShouldBe(eTag);
    }

    [Fact]
    public async Task Reading_an_unknown_reminder_gives_null()
    {
        (await table.ReadRow(NewGrainId(), ReminderName)).ShouldBeNull();
    }

    [Fact]
    public async Task Upserting_again_replaces_the_schedule_and_issues_a_new_etag()
    {
        var grainId = NewGrainId();
        var first = await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        var second = await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(2)));

        second.ShouldNotBe(first);
        var rows = (await table.ReadRows(grainId)).Reminders;
        rows.Count.ShouldBe(1);
        rows[0].Period.ShouldBe(TimeSpan.FromMinutes(2));
        rows[0].ETag.ShouldBe(second);
    }

    [Fact]
    public async Task Removing_needs_the_current_etag()
    {
        var grainId = NewGrainId();
        var stale = await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        var current = await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        (await table.RemoveRow(grainId, ReminderName, stale!)).ShouldBeFalse();
        (await table.ReadRow(grainId, ReminderName)).ShouldNotBeNull();

        (await table.RemoveRow(grainId, ReminderName, current!)).ShouldBeTrue();
        (await table.ReadRow(grainId, ReminderName)).ShouldBeNull();
        (await table.RemoveRow(grainId, ReminderName, current!)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_removal_holding_the_etag_of_an_earlier_registration_leaves_a_new_one_alone()
    {
        var grainId = NewGrainId();
        var earlier = await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        (await table.RemoveRow(grainId, ReminderName, earlier!)).ShouldBeTrue();
        await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        (await table.RemoveRow(grainId, ReminderName, earlier!)).ShouldBeFalse();

        (await table.ReadRow(grainId, ReminderName)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Reading_a_grains_rows_gives_all_its_reminders_and_no_others()
    {
        var grainId = NewGrainId();
        await table.UpsertRow(Entry(grainId, "a", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(grainId, "b", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(NewGrainId(), "a", DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        var rows = (await table.ReadRows(grainId)).Reminders;

        rows.Select(row => row.ReminderName).Order().ShouldBe(["a", "b"]);
        rows.ShouldAllBe(row => row.GrainId == grainId);
    }

    [Fact]
    public async Task A_range_read_excludes_its_begin_and_includes_its_end()
    {
        var hashes = await UpsertRangeGrainsAsync();

        var found = await ReadRangeHashesAsync(hashes[2], hashes[5]);

        found.ShouldBe([hashes[3], hashes[4], hashes[5]]);
    }

    [Fact]
    public async Task A_range_whose_begin_is_above_its_end_wraps_around_the_ring()
    {
        var hashes = await UpsertRangeGrainsAsync();

        var found = await ReadRangeHashesAsync(hashes[^3], hashes[1]);

        found.ShouldBe([hashes[0], hashes[1], hashes[^2], hashes[^1]]);
    }

    [Fact]
    public async Task A_range_whose_begin_equals_its_end_is_the_whole_ring()
    {
        var hashes = await UpsertRangeGrainsAsync();

        var found = await ReadRangeHashesAsync(hashes[4], hashes[4]);

        found.ShouldBe(hashes);
    }

    [Fact]
    public async Task Range_reads_match_the_ring_rule_for_bounds_between_and_at_the_extremes()
    {
        var hashes = await UpsertRangeGrainsAsync();
        uint[] bounds = [0, 1, hashes[0], hashes[0] - 1, hashes[6] + 1, hashes[^1], uint.MaxValue - 1, uint.MaxValue];

        foreach (var begin in bounds)
        {
            foreach (var end in bounds)
            {
                var expected = hashes.Where(hash => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end);
                (await ReadRangeHashesAsync(begin, end)).ShouldBe(expected.ToList(), $"range ({begin}, {end}]");
            }
        }
    }

    [Fact]
    public async Task Clearing_the_table_removes_every_reminder()
    {
        await UpsertRangeGrainsAsync();

        await table.TestOnlyClearTable();

        (await table.ReadRows(0, 0)).Reminders.ShouldBeEmpty();
    }

    // Reminders of grains with known hashes, returned sorted: the ranges above are cut between them.
    private async Task<List<uint>> UpsertRangeGrainsAsync()
    {
        var grainIds = Enumerable.Range(0, RangeGrainCount)
            .Select(index => GrainId.Create("sqlite-reminder-range", $"grain-{index}"))
            .DistinctBy(grainId => grainId.GetUniformHashCode())
            .ToList();
        foreach (var grainId in grainIds)
        {
            await table.UpsertRow(Entry(grainId, ReminderName, DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        return grainIds.Select(grainId => grainId.GetUniformHashCode()).Order().ToList();
    }

    private async Task<List<uint>> ReadRangeHashesAsync(uint begin, uint end) =>
        (await table.ReadRows(begin, end)).Reminders.Select(row => row.GrainId.GetUniformHashCode()).Order().ToList();

    private static GrainId NewGrainId() => GrainId.Create("sqlite-reminder-contract", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grainId, string name, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grainId, ReminderName = name, StartAt = startAt, Period = period };
}

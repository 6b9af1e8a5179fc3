using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Messaging;
using Dailyfeed.Runtime.Testing;
using Dailyfeed.Runtime.Tests.Grains;
using Dailyfeed.Runtime.Tests.Stores;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Dailyfeed.Runtime.Tests;

/// <summary>The runtime's guarantees, run once per store: in-memory, SQLite (embedded default) and PostgreSQL.</summary>
public abstract class ClusterBehaviourTests : ClusterTestBase
{
    [Fact]
    public async Task Concurrent_calls_to_one_grain_never_overlap()
    {
        var cluster = await DeployAsync([WriteOnly]);
        var grain = cluster.Client.GetGrain<ITurnProbeGrain>("turns");

        var observed = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => grain.ExclusiveAsync(2)));

        observed.ShouldAllBe(concurrent => concurrent == 1);
        (await grain.GetMaximaAsync()).MaxExclusive.ShouldBe(1);
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other()
    {
        var cluster = await DeployAsync([WriteOnly]);
        var grain = cluster.Client.GetGrain<ITurnProbeGrain>("readers");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.ReadAsync(300)));

        (await grain.GetMaximaAsync()).MaxReaders.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Grains_land_only_on_silos_of_their_pool_and_spread_evenly()
    {
        var cluster = await DeployAsync([WriteOnly, WriteOnly, ReadOnly]);
        var writers = cluster.Silos.Where(s => s.Pools.Contains(GrainPools.Write)).Select(s => s.SiloId).ToHashSet();
        var reader = cluster.Silos.Single(s => s.Pools.SequenceEqual(ReadOnly)).SiloId;

        var writeHomes = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(_ => cluster.Client.GetGrain<IWriteProbeGrain>(Guid.NewGuid()).WhereAsync()));
        var readHomes = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(i => cluster.Client.GetGrain<IReadProbeGrain>(i).WhereAsync()));

        writeHomes.ShouldAllBe(silo => writers.Contains(silo));
        foreach (var count in writers.Select(w => writeHomes.Count(h => h == w)))
        {
            count.ShouldBeInRange(400, 600, "each of 2 write silos should hold 500 +/- 20% of 1,000 grains");
        }

        readHomes.ShouldAllBe(silo => silo == reader);
        (await cluster.Client.GetGrain<IWriteProbeGrain>(Guid.NewGuid()).WhereIsReaderAsync(7)).ShouldBe(reader);
    }

    [Fact]
    public async Task Exceptions_cross_silos_with_type_message_and_code()
    {
        var cluster = await DeployAsync([WriteOnly]);

        var error = await Should.ThrowAsync<ProbeFailureException>(
            () => cluster.Client.GetGrain<ITurnProbeGrain>("fails").FailAsync("POST_NOT_FOUND", "post 42 does not exist"));

        error.Code.ShouldBe("POST_NOT_FOUND");
        error.Message.ShouldBe("post 42 does not exist");
    }

    [Fact]
    public async Task Read_only_calls_retry_transient_failures_but_never_answers_or_writes()
    {
        var cluster = await DeployAsync([WriteOnly]);
        var reader = cluster.Client.GetGrain<ITurnProbeGrain>("flaky-read");
        var writer = cluster.Client.GetGrain<ITurnProbeGrain>("flaky-write");
        var missing = cluster.Client.GetGrain<ITurnProbeGrain>("missing");

        (await reader.FlakyReadAsync(2)).ShouldBe(3, "two transient failures, then success on the third attempt");
        await Should.ThrowAsync<CodedException>(() => writer.FlakyWriteAsync(1));
        await Should.ThrowAsync<ProbeFailureException>(() => missing.MissingReadAsync());

        (await writer.CallCountAsync()).ShouldBe(1, "a method that changes state is never repeated");
        (await missing.CallCountAsync()).ShouldBe(1, "a not-found answer is not a transient fault");
    }

    [Fact]
    public async Task A_hanging_grain_times_out_and_the_silo_stays_healthy()
    {
        var cluster = await DeployAsync([WriteOnly], b => b.ConfigureServices(
            s => s.Configure<MessagingOptions>(o => o.CallTimeout = TimeSpan.FromSeconds(1))));
        var hanging = cluster.Client.GetGrain<ITurnProbeGrain>("hangs");

        var error = await Should.ThrowAsync<GrainCallTimeoutException>(() => hanging.HangAsync());

        error.Message.ShouldContain("HangAsync");
        (await hanging.PingAsync()).ShouldBe("pong");
        (await cluster.Client.GetGrain<ICounterGrain>("healthy").IncrementAsync()).ShouldBe(1);
        cluster.Silos.Single().IsRunning.ShouldBeTrue();
    }

    [Fact]
    public async Task A_stale_write_from_a_duplicate_activation_throws_and_loses_nothing()
    {
        var (cluster, first, second) = await LoseWriteRaceAsync("duplicated");

        (await cluster.Client.GetGrain<ICounterGrain>("duplicated").GetAsync()).ShouldBe(10, "the losing activation must not serve its unsaved value");
        await second.ReloadAsync();
        (await second.IncrementAsync()).ShouldBe(11);
        await Should.ThrowAsync<InconsistentStateException>(() => first.SetAsync(99));
    }

    [Fact]
    public async Task An_activation_that_lost_a_write_race_reloads_before_serving_again()
    {
        var (_, _, second) = await LoseWriteRaceAsync("raced");

        // No explicit reload: the losing activation is dropped, and the next call reads the winner's state.
        await EventuallyAsync(async () => await second.GetAsync() == 10, TimeSpan.FromSeconds(5), "the stale activation kept serving its unsaved value");
        (await second.IncrementAsync()).ShouldBe(11);
    }

    /// <summary>
    /// One counter activated on two silos at once. The first writes 10; the second then writes 20 over state it read
    /// before, and that write is refused.
    /// </summary>
    private async Task<(TestCluster Cluster, ICounterGrain Winner, ICounterGrain Loser)> LoseWriteRaceAsync(string key)
    {
        var cluster = await DeployAsync([WriteOnly, WriteOnly]);
        var first = cluster.Silos[0].GetGrainActivatedHere<ICounterGrain>(key);
        var second = cluster.Silos[1].GetGrainActivatedHere<ICounterGrain>(key);
        (await first.GetAsync()).ShouldBe(0);
        (await second.GetAsync()).ShouldBe(0);

        await first.SetAsync(10);
        await Should.ThrowAsync<InconsistentStateException>(() => second.SetAsync(20));
        return (cluster, first, second);
    }

    [Fact]
    public async Task After_a_silo_is_killed_under_load_every_grain_answers_again_with_state_intact()
    {
        var cluster = await DeployAsync([WriteOnly, WriteOnly, WriteOnly]);
        var keys = Enumerable.Range(0, 60).Select(i => $"counter-{i}").ToArray();
        var acknowledged = keys.ToDictionary(k => k, _ => 0L);
        var attempted = keys.ToDictionary(k => k, _ => 0L);
        foreach (var key in keys)
        {
            attempted[key]++;
            acknowledged[key] = await cluster.Client.GetGrain<ICounterGrain>(key).IncrementAsync();
        }

        var homes = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<ICounterGrain>(k).GetSiloIdAsync()));
        var victim = cluster.Silos.OrderByDescending(s => homes.Count(h => h == s.SiloId)).First();
        using var load = new CancellationTokenSource();
        var loadTask = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                foreach (var key in keys)
                {
                    lock (attempted)
                    {
                        attempted[key]++;
                    }

                    try
                    {
                        var value = await cluster.Client.GetGrain<ICounterGrain>(key).IncrementAsync();
                        lock (acknowledged)
                        {
                            acknowledged[key] = Math.Max(acknowledged[key], value);
                        }
                    }
                    catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException or InconsistentStateException)
                    {
                        // Expected while the dead silo's lease runs out; such a write was not acknowledged.
                    }
                }
            }
        });
        await Task.Delay(300);

        await cluster.KillSiloAsync(victim);
        var killedAt = DateTime.UtcNow;
        await EventuallyAsync(async () =>
        {
            try
            {
                await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<ICounterGrain>(k).GetAsync()));
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "not every grain answered within 10 s of the kill");
        (DateTime.UtcNow - killedAt).ShouldBeLessThan(TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        await load.CancelAsync();
        await loadTask;

        foreach (var key in keys)
        {
            var stored = await cluster.Client.GetGrain<ICounterGrain>(key).GetAsync();
            stored.ShouldBeGreaterThanOrEqualTo(acknowledged[key], $"{key} lost an acknowledged increment");
            stored.ShouldBeLessThanOrEqualTo(attempted[key]);
            (await cluster.Client.GetGrain<ICounterGrain>(key).GetSiloIdAsync()).ShouldNotBe(victim.SiloId);
        }
    }

    [Fact]
    public async Task A_reminder_of_a_killed_silo_fires_on_another_silo_and_reports_missed_ticks()
    {
        var cluster = await DeployAsync([WriteOnly, WriteOnly]);
        var grain = cluster.Client.GetGrain<IReminderProbeGrain>("reminded");
        await grain.RegisterAsync("tick", TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        await EventuallyAsync(() => Task.FromResult(!Reminders.Ticks.IsEmpty), TimeSpan.FromSeconds(5), "the reminder never fired");
        Reminders.Ticks.TryPeek(out var firstTick).ShouldBeTrue();
        var owner = cluster.Silos.Single(s => s.SiloId == firstTick.SiloId);

        await cluster.KillSiloAsync(owner);

        await EventuallyAsync(
            () => Task.FromResult(Reminders.Ticks.Any(t => t.SiloId != owner.SiloId)),
            TimeSpan.FromSeconds(10),
            "the reminder never fired on the surviving silo");
        var takeover = Reminders.Ticks.First(t => t.SiloId != owner.SiloId);
        takeover.Name.ShouldBe("tick");
        takeover.Status.MissedTicks.ShouldBeGreaterThan(0, "the lease gap spans several 500 ms periods");
        await grain.UnregisterAsync("tick");
    }

    [Fact]
    public async Task A_graceful_stop_persists_state_and_deregisters_the_silo()
    {
        var cluster = await DeployAsync([WriteOnly, WriteOnly]);
        var keys = Enumerable.Range(0, 20).Select(i => $"graceful-{i}").ToArray();
        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<ICounterGrain>(key).SetAsync(7);
        }

        await cluster.StopSiloAsync(cluster.Silos[0]);
        await cluster.WaitForStableAsync();

        cluster.Silos.Count.ShouldBe(1);
        foreach (var key in keys)
        {
            (await cluster.Client.GetGrain<ICounterGrain>(key).GetAsync()).ShouldBe(7);
        }
    }

    [Fact]
    public async Task Idle_activations_are_collected()
    {
        // Idle for 2 s: long enough that a starved CI machine cannot stall between the calls and the count past it.
        var cluster = await DeployAsync([WriteOnly], b => b.ConfigureServices(s => s.Configure<ActivationOptions>(o =>
        {
            o.IdleTimeout = TimeSpan.FromSeconds(2);
            o.CollectionInterval = TimeSpan.FromMilliseconds(100);
        })));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => cluster.Client.GetGrain<ICounterGrain>($"idle-{i}").IncrementAsync()));
        var silo = cluster.Silos.Single().Silo;
        silo.ActivationCount.ShouldBeGreaterThan(0);

        await EventuallyAsync(() => Task.FromResult(silo.ActivationCount == 0), TimeSpan.FromSeconds(10), "idle activations stayed");

        (await cluster.Client.GetGrain<ICounterGrain>("idle-3").GetAsync()).ShouldBe(1);
    }
}

public sealed class InMemoryClusterBehaviourTests : ClusterBehaviourTests
{
    protected override StoreProfile CreateStore() => new InMemoryStoreProfile();
}

public sealed class SqliteClusterBehaviourTests : ClusterBehaviourTests
{
    protected override StoreProfile CreateStore() => new SqliteStoreProfile();
}

public sealed class PostgreSqlClusterBehaviourTests : ClusterBehaviourTests
{
    protected override StoreProfile CreateStore() => new PostgreSqlStoreProfile();
}

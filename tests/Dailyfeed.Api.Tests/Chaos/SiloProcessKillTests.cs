using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Members;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Dailyfeed.Orleans.Pools;
using System.Diagnostics;
using System.Net;
using Dailyfeed.Api.Tests.Chaos.Processes;
using Dailyfeed.Grains.Abstractions.Errors;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>
/// The production failure, not a simulation: a real Silo process of a pool dies by SIGKILL while members post and
/// read through the public API. What was acknowledged stays, what failed is a retryable 503, every member's grains
/// answer again within the issue's 30 s, and the dead silo's grains come back on the pool's surviving silo.
/// </summary>
public sealed class SiloProcessKillTests(SiloProcessCluster cluster, ITestOutputHelper output) : IClassFixture<SiloProcessCluster>
{
    private const int Authors = 4;
    private const int Readers = 4;

    /// <summary>Members whose grains are activated before the kill and left alone until after it: where they come back shows the move.</summary>
    private const int Sleepers = 10;

    private const double MaxErrorRatio = 0.01;

    /// <summary>
    /// Enough answered requests after the kill for a 1% bound to measure the recovery rather than the machine's speed:
    /// a kill fails the requests in flight on the dead silo, a few per worker (2-7 of the 8 workers' in runs so far),
    /// however slowly a loaded machine sends the rest.
    /// </summary>
    private const int MinRequestsAfterKill = 1_000;

    /// <summary>Bounds the load by count as well as by time, whatever the machine's speed.</summary>
    private const int MaxRequestsPerWorker = 2_000;

    private const int LogTailLines = 40;
    private const int CheckParallelism = 4;

    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(4);

    /// <summary>Longer than the 5 s membership lease: the load runs through the death being noticed, not just its first seconds.</summary>
    private static readonly TimeSpan MinAfterKill = TimeSpan.FromSeconds(8);

    /// <summary>The issue's bound: every grain answers again within 30 s of the kill.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After recovery the load goes on until <see cref="MinRequestsAfterKill"/> requests were answered since the kill:
    /// on a starved machine the workers answer slowly. This bounds that wait.
    /// </summary>
    private static readonly TimeSpan AfterRecoveryLimit = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan LoadLimit = BeforeKill + RecoveryLimit + AfterRecoveryLimit;
    private static readonly TimeSpan RequestPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan RecoveryPoll = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(GrainPools.Write)]
    [InlineData(GrainPools.Read)]
    public async Task A_SIGKILLed_silo_process_loses_no_acknowledged_write_and_its_grains_answer_from_the_survivor(string pool)
    {
        try
        {
            await KillUnderLoadAndCheckAsync(pool);
        }
        catch (Exception)
        {
            output.WriteLine(cluster.LogTails(LogTailLines));
            throw;
        }
    }

    private async Task KillUnderLoadAndCheckAsync(string pool)
    {
        await cluster.EnsureSilosPerPoolAsync();
        foreach (var failure in cluster.StartFailures)
        {
            output.WriteLine($"started again after a failed start: {failure}");
        }

        using var members = await LoadMembers.SignUpAsync(cluster.Gateway, Authors, Readers, Sleepers);
        await members.WarmUpSleepersOrThrowAsync();

        await using var load = new LoadRun(LoadLimit);
        members.AddWorkers(load, pool, RequestPause, MaxRequestsPerWorker);
        await Task.Delay(BeforeKill);

        // The victim is the silo of the pool holding the most sleepers' grains: their moving is what shows reactivation.
        var sleeperGrains = SleeperGrainsOf(pool, members.SleeperIds);
        var homes = await HomesAsync(sleeperGrains);
        var victim = cluster.LiveSilos.Where(s => s.Pool == pool).MaxBy(s => homes.Count(h => h.Value == s.SiloId))!;
        var survivor = cluster.LiveSilos.Single(s => s.Pool == pool && s != victim);
        var onVictim = homes.Where(h => h.Value == victim.SiloId).Select(h => h.Key).ToList();
        var victimActivations = await victim.ReadActivationCountAsync();
        var killedAt = load.Elapsed;
        var sinceKill = Stopwatch.StartNew();
        await victim.KillAsync();
        var everyWorkerRecovered = await WaitForEveryWorkerToRecoverAsync(load, killedAt);
        await WaitForRequestsAfterKillAsync(load, killedAt);
        await load.StopAsync();

        var outcomes = load.Outcomes;
        var failed = outcomes.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.Created)).ToList();
        var recovery = failed.Count == 0 ? TimeSpan.Zero : failed.Max(f => f.At + TimeSpan.FromMilliseconds(f.Milliseconds)) - killedAt;
        var ratio = (double)failed.Count / outcomes.Count;
        output.WriteLine($"SIGKILLed {victim} ({victimActivations} activations) at {killedAt.TotalSeconds:F1}s; {outcomes.Count} requests, " +
                         $"{failed.Count} failed ({ratio:P2}), last failure answered {recovery.TotalSeconds:F1}s after the kill");
        foreach (var failure in failed.GroupBy(f => (Kind: f.Operation.Split(' ')[0], f.Status, f.Code)))
        {
            output.WriteLine($"  {failure.Key.Kind} {(int)failure.Key.Status} {failure.Key.Code}: {failure.Count()} " +
                             $"sent from {(failure.Min(f => f.At) - killedAt).TotalSeconds:F1}s to {(failure.Max(f => f.At) - killedAt).TotalSeconds:F1}s relative to the kill");
        }

        victimActivations.ShouldBeGreaterThan(0, "the killed silo hosted grains");
        outcomes.Count(o => o.At > killedAt).ShouldBeGreaterThan(MinRequestsAfterKill, "the load kept running after the kill");
        failed.ShouldAllBe(f => f.Status == HttpStatusCode.ServiceUnavailable && IsServiceUnavailableCode(f.Code),
            "a lost silo is a retryable 503 in the error envelope, never a 500 or another status");
        ratio.ShouldBeLessThan(MaxErrorRatio);
        everyWorkerRecovered.ShouldBeTrue("every worker answered successfully after the last failure, within 30 s of the kill");
        recovery.ShouldBeLessThan(RecoveryLimit, "every worker's grains answer again within 30 s of the kill");

        // The kill is seen by the whole cluster: the gateway no longer routes to the dead silo.
        await cluster.WaitForGatewayToSeeLiveSilosOrThrowAsync();
        (await cluster.GatewayViewAsync()).ShouldNotContain(victim.SiloId);

        // The sleepers' grains were all active before the kill and untouched since: those the dead silo held answer
        // again from the survivor.
        await members.WarmUpSleepersOrThrowAsync();
        var sleepersAnsweredAfter = sinceKill.Elapsed;
        var homesAfter = await HomesAsync(onVictim);
        output.WriteLine($"{onVictim.Count} of {sleeperGrains.Count} sleepers' {pool}-pool grains were on {victim}; after the kill: " +
                         $"{string.Join(", ", homesAfter.Values.Distinct())}, {sleepersAnsweredAfter.TotalSeconds:F1}s after the kill");
        onVictim.ShouldNotBeEmpty("the killed silo held some of the sleepers' grains");
        homesAfter.Values.ShouldAllBe(home => home == survivor.SiloId, "the dead silo's grains reactivated on the surviving silo of its pool");
        sleepersAnsweredAfter.ShouldBeLessThan(RecoveryLimit, "grains untouched since the kill answer within 30 s of it too");

        var acknowledged = outcomes.Where(o => o.CreatedId is not null).Select(o => o.CreatedId!.Value).ToList();
        var lost = await members.UnreadablePostsAsync(acknowledged, CheckParallelism);
        output.WriteLine($"{acknowledged.Count} acknowledged posts checked, {lost.Count} unreadable");
        acknowledged.ShouldNotBeEmpty();
        lost.ShouldBeEmpty("every post that answered 201 is readable after the kill");
    }

    /// <summary>The grain of each sleeper that lives in <paramref name="pool"/>: the profile's member grain, or the feed.</summary>
    private IReadOnlyList<IAddressable> SleeperGrainsOf(string pool, IReadOnlyList<long> sleeperIds)
    {
        var grains = cluster.Gateway.Services.GetRequiredService<IClusterClient>();
        return sleeperIds.Select(id => pool == GrainPools.Write ? (IAddressable)grains.GetGrain<IMemberGrain>(id) : grains.GetGrain<IFeedGrain>(id)).ToList();
    }

    private async Task<Dictionary<IAddressable, string?>> HomesAsync(IReadOnlyList<IAddressable> grains)
    {
        var homes = new Dictionary<IAddressable, string?>();
        foreach (var grain in grains)
        {
            homes[grain] = await cluster.SiloOfAsync(grain);
        }

        return homes;
    }

    /// <summary>
    /// Keeps the load running past <see cref="MinAfterKill"/> until every worker has answered successfully since the
    /// last failure of the run; false when the recovery limit passes first.
    /// </summary>
    private static async Task<bool> WaitForEveryWorkerToRecoverAsync(LoadRun load, TimeSpan killedAt)
    {
        while (load.Elapsed - killedAt < RecoveryLimit)
        {
            await Task.Delay(RecoveryPoll);
            if (load.Elapsed - killedAt >= MinAfterKill && EveryWorkerSucceededSinceLastFailure(load.Outcomes))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WaitForRequestsAfterKillAsync(LoadRun load, TimeSpan killedAt)
    {
        var deadline = load.Elapsed + AfterRecoveryLimit;
        while (load.Outcomes.Count(o => o.At > killedAt) <= MinRequestsAfterKill && load.Elapsed < deadline)
        {
            await Task.Delay(RecoveryPoll);
        }
    }

    private static bool EveryWorkerSucceededSinceLastFailure(IReadOnlyList<LoadOutcome> outcomes)
    {
        var lastFailure = outcomes.Where(o => !Succeeded(o)).Select(o => o.At).DefaultIfEmpty(TimeSpan.Zero).Max();
        return outcomes.GroupBy(o => o.Operation).Count() == Authors + Readers
               && outcomes.GroupBy(o => o.Operation).All(worker => worker.Any(o => Succeeded(o) && o.At > lastFailure));
    }

    private static bool Succeeded(LoadOutcome outcome) => outcome.Status is HttpStatusCode.OK or HttpStatusCode.Created;

    private static bool IsServiceUnavailableCode(string? code) =>
        code is not null && ErrorCatalog.HttpStatus.TryGetValue(code, out var status) && status == (int)HttpStatusCode.ServiceUnavailable;
}

using System.Net;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Api.Tests.Chaos;

/// <summary>
/// Silos and gateways reach PostgreSQL only through a proxy the test cuts: to every client that is exactly a stopped
/// server (connections refused, open ones dropped), while the other test assemblies keep the real server.
/// Idle grains are collected within seconds so an outage also meets grains that must load state.
/// </summary>
public sealed class DatabaseOutageCluster : CuttableDatabaseCluster
{
    protected override void ConfigureSilos(IServiceCollection services)
    {
        base.ConfigureSilos(services);
        services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = TimeSpan.FromSeconds(2);
            o.CollectionQuantum = TimeSpan.FromMilliseconds(500);
        });
    }
}

public sealed class DatabaseOutageTests(DatabaseOutageCluster cluster, ITestOutputHelper output) : IClassFixture<DatabaseOutageCluster>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan BeforeOutage = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);
    private const double FastFailMilliseconds = 50;

    [Fact]
    public async Task With_the_database_stopped_for_20_seconds_under_load_writes_fail_fast_reads_are_served_and_all_recovers()
    {
        using var author = cluster.Gateway.CreateApiClient();
        using var activeReader = cluster.Gateway.CreateApiClient();
        using var idleReader = cluster.Gateway.CreateApiClient();
        var authorId = await author.SignupAndLoginAsync();
        await activeReader.SignupAndLoginAsync();
        await idleReader.SignupAndLoginAsync();
        await activeReader.PostAsync($"/api/members/follow/{authorId}");
        await idleReader.PostAsync($"/api/members/follow/{authorId}");
        var seeded = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            seeded.Add((await author.PostAsync("/api/posts", new { content = $"before the outage {i}" })).Id);
        }

        // The idle reader's last good page; its grains are collected while it stays away.
        var primed = await idleReader.GetAsync("/api/timeline/posts/followings");
        primed.ContentIds.ShouldBe(Enumerable.Reverse(seeded));

        await using var load = new LoadRun(RunLimit);
        var writer = cluster.Gateway.CreateApiClient();
        writer.AccessToken = author.AccessToken;
        var sequence = 0;
        load.AddWorker("write", () => writer.PostAsync("/api/posts", new { content = $"under load {Interlocked.Increment(ref sequence)}" }), TimeSpan.FromMilliseconds(20));
        load.AddWorker("read", () => activeReader.GetAsync("/api/timeline/posts/followings"), TimeSpan.FromMilliseconds(20));

        await Task.Delay(BeforeOutage);
        var outageStarted = load.Elapsed;
        cluster.Database.Down();
        await Task.Delay(Outage / 2);
        var idleRead = await idleReader.GetAsync("/api/timeline/posts/followings");
        await Task.Delay(Outage / 2);
        cluster.Database.Up();
        var outageEnded = load.Elapsed;

        var recoveredAt = await FirstWriteAfterAsync(load, outageEnded);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await load.StopAsync();
        var outcomes = load.Outcomes;
        Report(outcomes, outageStarted, outageEnded, recoveredAt);

        outcomes.ShouldAllBe(o => o.Status != HttpStatusCode.InternalServerError, "an outage and its recovery are 503s, never 500s");
        var during = outcomes.Where(o => o.At >= outageStarted && o.At + TimeSpan.FromMilliseconds(o.Milliseconds) <= outageEnded).ToList();
        var writesDuring = during.Where(o => o.Operation == "write").ToList();
        writesDuring.ShouldNotBeEmpty();
        writesDuring.ShouldAllBe(o => o.Status == HttpStatusCode.Created || (o.Status == HttpStatusCode.ServiceUnavailable && o.Code == "SERVICE_UNAVAILABLE"),
            "an outage is a 503 in the envelope, never a 500 or a hang");
        var settled = writesDuring.Where(o => o.At >= outageStarted + TimeSpan.FromSeconds(3)).Select(o => o.Milliseconds).Order().ToList();
        settled[settled.Count / 2].ShouldBeLessThan(FastFailMilliseconds, "with the circuit open, writes fail without waiting on the database");

        during.Where(o => o.Operation == "read").ShouldAllBe(o => o.Status == HttpStatusCode.OK, "feeds stay readable while the database is down");
        idleRead.Status.ShouldBe(HttpStatusCode.OK, idleRead.ToString());
        idleRead.Header("X-Dailyfeed-Stale").ShouldBe("true", "a feed whose grains must load state degrades to the last good page");
        idleRead.ContentIds.ShouldBe(primed.ContentIds);

        recoveredAt.ShouldNotBeNull("writes succeed again once the database is back, without a restart");
        var fresh = await idleReader.GetAsync("/api/timeline/posts/followings");
        fresh.Status.ShouldBe(HttpStatusCode.OK);
        fresh.Header("X-Dailyfeed-Stale").ShouldBeNull("after recovery pages are live again");

        // No acknowledged write is lost: every 201 of the run is readable afterwards.
        foreach (var id in seeded.Concat(outcomes.Where(o => o.CreatedId is not null).Select(o => o.CreatedId!.Value)))
        {
            (await author.GetAsync($"/api/timeline/posts/{id}")).Status.ShouldBe(HttpStatusCode.OK, $"acknowledged post {id}");
        }
    }

    private static async Task<TimeSpan?> FirstWriteAfterAsync(LoadRun load, TimeSpan since)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var recovered = load.Outcomes.FirstOrDefault(o => o.Operation == "write" && o.At > since && o.Status == HttpStatusCode.Created);
            if (recovered is not null)
            {
                return recovered.At;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private void Report(IReadOnlyList<LoadOutcome> outcomes, TimeSpan start, TimeSpan end, TimeSpan? recovered)
    {
        output.WriteLine($"outage {start.TotalSeconds:F1}s..{end.TotalSeconds:F1}s, first write after it at {recovered?.TotalSeconds:F1}s");
        foreach (var group in outcomes.GroupBy(o => (o.Operation, Phase: o.At < start ? "before" : o.At < end ? "during" : "after", o.Status, o.Stale)))
        {
            var ms = group.Select(o => o.Milliseconds).Order().ToList();
            output.WriteLine($"{group.Key.Operation,-6} {group.Key.Phase,-7} {(int)group.Key.Status} stale={group.Key.Stale}: {ms.Count} requests, p50 {ms[ms.Count / 2]:F1} ms, max {ms[^1]:F1} ms");
        }
    }
}

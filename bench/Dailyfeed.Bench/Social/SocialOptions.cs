namespace Dailyfeed.Bench.Social;

/// <summary>Knobs of the social suite; defaults follow DeathStarBench's socialNetwork setup on socfb-Reed98.</summary>
public sealed record SocialOptions
{
    public int MaxPostsPerMember { get; init; } = 20;

    public int PostLength { get; init; } = 256;

    /// <summary>Posts per timeline read (DeathStarBench reads windows of 10).</summary>
    public int TimelineWindow { get; init; } = 10;

    /// <summary>Concurrent requests while loading the graph through the API.</summary>
    public int LoadParallelism { get; init; } = 16;

    /// <summary>Fixed arrival rates (requests/s) of the mixed workload, each run for <see cref="MixDuration"/>.</summary>
    public IReadOnlyList<int> MixRates { get; init; } = [100, 250, 500, 1000];

    public TimeSpan MixDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan WrkDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// wrk alternates between the platform and the bare server this many times and the median of each is reported:
    /// on a shared 2-core machine one run of either can be off by a factor of two.
    /// </summary>
    public int WrkRounds { get; init; } = 5;

    /// <summary>
    /// Unmeasured wrk run against each server first, so tiered JIT has compiled the hot paths: the platform, restarted
    /// and read at full rate, answered at a third of its steady rate in its first 10 s and at full rate from the 20th.
    /// </summary>
    public TimeSpan WrkWarmup { get; init; } = TimeSpan.FromSeconds(20);

    public int WrkConnections { get; init; } = 64;

    /// <summary>
    /// Keep-alive connections of the C open-loop client (bench/openloop) in the half-load home-timeline run: enough
    /// that a slow response leaves others idle for the requests falling due meanwhile; when all are busy, due requests
    /// wait in the client's queue and that wait counts in their latency.
    /// </summary>
    public int OpenLoopConnections { get; init; } = 64;

    /// <summary>Requests the C open-loop client sends at the full rate before it starts recording.</summary>
    public TimeSpan OpenLoopWarmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Quiet time between the saturating wrk rounds and the half-load run, so the latter starts from a steady platform
    /// (thread pool and GC back to their idle sizes), as a separate run would; the warm-up then heats it up again.
    /// </summary>
    public TimeSpan OpenLoopSettle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Half-load runs, each after <see cref="OpenLoopSettle"/>; the report gives the median and every run's p99.</summary>
    public int HalfLoadRounds { get; init; } = 3;

    public TimeSpan PgBenchDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Composes whose visibility in every follower's feed is timed.</summary>
    public int FanOutSamples { get; init; } = 20;

    /// <summary>PBKDF2 cost while registering 962 members; the measured mix never logs in.</summary>
    public int SetupPasswordHashIterations { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    /// <summary>How long `social serve` holds the loaded platform open for profiling.</summary>
    public TimeSpan ServeLimit { get; init; } = TimeSpan.FromMinutes(30);
}

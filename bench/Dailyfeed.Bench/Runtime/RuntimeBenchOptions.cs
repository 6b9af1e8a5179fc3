using System.Net;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Every setting of the runtime suite, with the values the reports were made with.</summary>
public sealed record RuntimeBenchOptions
{
    /// <summary>Silo-to-silo port. Not Orleans' default 11111, so a silo left running on this machine does not collide.</summary>
    public int SiloPort { get; init; } = 11_311;

    /// <summary>Gateway port the client connects to. Not Orleans' default 30000, for the same reason.</summary>
    public int GatewayPort { get; init; } = 30_300;

    /// <summary>Everything binds and advertises loopback only: the suite never listens on a public interface.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Activations must outlive the run: Orleans collects idle ones after 15 minutes by default, and a collection
    /// during the memory measurement would undercount.
    /// </summary>
    public TimeSpan CollectionAge { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Caller loops of the local measurement; the issue asks for 1, 2 and 4.</summary>
    public IReadOnlyList<int> LocalCallerLoops { get; init; } = [1, 2, 4];

    /// <summary>Ping grains each caller loop cycles through, so calls spread over many activations as in real traffic.</summary>
    public int PingGrainsPerCaller { get; init; } = 1_000;

    /// <summary>Unmeasured run before each measured one (JIT tiering, activations created).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Length of each measured rate. Well under Orleans' 30 s response timeout, since a caller loop is one grain call.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sequential client calls made before the latency is recorded.</summary>
    public int LatencyWarmupCalls { get; init; } = 5_000;

    /// <summary>Sequential client calls whose latency is recorded.</summary>
    public int LatencyMeasuredCalls { get; init; } = 20_000;

    /// <summary>Concurrent client callers of the cross-process throughput measurement (the 32).</summary>
    public int ConcurrentCallers { get; init; } = 32;

    /// <summary>Idle activations of the memory measurement (first suite argument overrides).</summary>
    public int Activations { get; init; } = 200_000;

    /// <summary>Activations created concurrently: enough to keep the silo busy, few enough not to queue for seconds.</summary>
    public int ActivationBatch { get; init; } = 1_000;
}

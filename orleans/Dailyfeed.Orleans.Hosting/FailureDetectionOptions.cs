namespace Dailyfeed.Orleans.Hosting;

/// <summary>
/// How fast silos declare a crashed peer dead (configuration section Dailyfeed:Cluster:FailureDetection). Until then
/// calls to its grains fail, so Dailyfeed probes more eagerly than Orleans' defaults (5 s timeout, 3 misses): a
/// killed silo is out in a few seconds. Orleans still waits for a second silo's vote, and a silo that sees its own
/// health degrade (CPU starvation, long GC) extends its probe timeout rather than accuse its peers.
/// </summary>
public sealed class FailureDetectionOptions
{
    public const string Section = "Dailyfeed:Cluster:FailureDetection";

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// How often each silo tries a TCP connect to every active peer's silo port; a peer that refuses
    /// <see cref="RefusalsBeforeDeath"/> times in a row is declared dead at once. Zero turns the check off.
    /// </summary>
    public TimeSpan RefusalCheckInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public int RefusalsBeforeDeath { get; set; } = 2;
}

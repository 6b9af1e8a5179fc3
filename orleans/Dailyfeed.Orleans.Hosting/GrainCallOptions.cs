namespace Dailyfeed.Orleans.Hosting;

/// <summary>Grain call behaviour shared by silos and clients (configuration section Dailyfeed:GrainCalls).</summary>
public sealed class GrainCallOptions
{
    public const string Section = "Dailyfeed:GrainCalls";

    /// <summary>
    /// How long a caller waits for a grain's answer (Orleans' default is 30 s). An API request should fail with 503
    /// well before a browser or proxy gives up. It also bounds the one call that can hang in a crash: a request the
    /// gateway sent through a silo that died with it in flight gets no answer, and Orleans' client only gives up on it
    /// at this timeout.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

namespace Dailyfeed.Runtime.Hosting;

/// <summary>Grain call behaviour shared by silos and clients (configuration section Dailyfeed:GrainCalls).</summary>
public sealed class GrainCallOptions
{
    public const string Section = "Dailyfeed:GrainCalls";

    /// <summary>
    /// How long a caller waits for a grain's answer (Orleans' default is 30 s). An API request should fail with 503
    /// well before a browser or proxy gives up, including the rare call whose silo vanished mid-flight.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

namespace Dailyfeed.Runtime.Messaging;

/// <summary>Grain call settings (configuration section Dailyfeed:Messaging).</summary>
public sealed class MessagingOptions
{
    /// <summary>A call that has not answered by then fails with <see cref="GrainCallTimeoutException"/> (Orleans' default too).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a TCP connection to another silo before suspecting it.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Routing attempts for one call. Only calls that provably never reached a grain (connection refused, silo
    /// leaving) are re-routed, so a retry can never run a grain method twice.
    /// </summary>
    public int MaxRouteAttempts { get; set; } = 3;
}

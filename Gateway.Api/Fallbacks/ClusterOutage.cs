using Dailyfeed.ServiceDefaults.Resilience;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Dailyfeed.Gateway.Api.Fallbacks;

/// <summary>
/// Failures that mean "the cluster or a dependency behind it is down, or a concurrent writer won while it settles":
/// transient and safe to retry, as opposed to an answer about the request.
/// </summary>
public static class ClusterOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        // A database or broker circuit is open, or the write lost to a concurrent one (the grain re-reads on retry).
        DependencyUnavailableException or InconsistentStateException => true,

        // The silo is gone or refuses messages (SiloUnavailableException is one of these), the gateway connection
        // failed, or the call timed out; no silo serves the grain's pool is an OrleansException too
        // (NoSiloInPoolException, or Orleans' own "No active nodes are compatible").
        OrleansMessageRejectionException or ConnectionFailedException or TimeoutException => true,
        OrleansException => true,
        _ => false,
    };
}

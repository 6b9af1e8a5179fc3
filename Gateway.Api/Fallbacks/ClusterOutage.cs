using Dailyfeed.Runtime;
using Dailyfeed.Runtime.Resilience;

namespace Dailyfeed.Gateway.Api.Fallbacks;

/// <summary>
/// Failures that mean "the cluster or a dependency behind it is down, or a concurrent writer won while it settles":
/// transient and safe to retry, as opposed to an answer about the request.
/// </summary>
public static class ClusterOutage
{
    // Remote failures arrive as coded exceptions of the same codes when their type is not known here.
    private static readonly HashSet<string> OutageCodes =
        [
            SiloUnavailableException.ErrorCode, GrainCallTimeoutException.ErrorCode, DependencyUnavailableException.ErrorCode,
            InconsistentStateException.ErrorCode,
        ];

    public static bool Is(Exception exception) => exception is CodedException coded && OutageCodes.Contains(coded.Code);
}

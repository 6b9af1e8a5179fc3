using Dailyfeed.Errors;
namespace Dailyfeed.ServiceDefaults.Resilience;

/// <summary>
/// A dependency (the database, the broker) is failing and its circuit is open: the call failed fast without trying.
/// The gateway answers 503 SERVICE_UNAVAILABLE. Orleans carries it across grain calls with <see cref="Dependency"/>.
/// </summary>
[GenerateSerializer, Alias("dailyfeed.resilience.DependencyUnavailableException")]
public sealed class DependencyUnavailableException(string dependency, Exception? inner = null)
    : CodedException(ErrorCode, $"{dependency} is unavailable; please retry shortly.", inner)
{
    public const string ErrorCode = "SERVICE_UNAVAILABLE";

    /// <summary>The failing dependency, e.g. "grain storage" (null when the exception was rebuilt without it).</summary>
    [Id(0)]
    public string? Dependency { get; private set; } = dependency;
}

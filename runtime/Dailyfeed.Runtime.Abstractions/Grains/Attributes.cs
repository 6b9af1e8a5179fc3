namespace Dailyfeed.Runtime;

/// <summary>
/// Declares which silo pool hosts a grain. It sits on the grain interface, the contract every client shares,
/// so a gateway can route a call without loading the implementation.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainPoolAttribute(string pool) : Attribute
{
    public string Pool { get; } = pool;
}

/// <summary>
/// A read-only method: it may interleave with other read-only calls on the same activation, never with a
/// method that changes state.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Lets a method run at any time, even while another turn is in progress (use for pure queries and pings).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>Overrides the cluster-wide call timeout for one method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CallTimeoutAttribute(int milliseconds) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.FromMilliseconds(milliseconds);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}

/// <summary>Well-known pool names. A silo may serve several.</summary>
public static class GrainPools
{
    public const string Read = "read";
    public const string Write = "write";
}

namespace Dailyfeed.Orleans.Tests.OutboxStorage.Renamed;

/// <summary>
/// <see cref="OutboxProbeState"/> after a rename and a move to another namespace: same JSON shape, another type. The
/// outbox storage writes state as JSON without type names, so no [Alias] is needed to keep reading it.
/// </summary>
public sealed class MovedProbeSnapshot
{
    public List<string> Entries { get; set; } = [];
}


namespace Dailyfeed.Grains.Abstractions.Members;

/// <summary>
/// Coordinates one follow edge, keyed by <see cref="FollowEdges.Key"/>. It calls both member grains in turn and member
/// grains never call each other, so there is no cycle of waiting turns, and both sides are updated before the
/// call returns.
/// </summary>
[Alias("dailyfeed.members.IFollowGrain")]
public interface IFollowGrain : IGrainWithStringKey
{
    Task FollowAsync();

    Task UnfollowAsync();
}

public static class FollowEdges
{
    public static string Key(long followerId, long followeeId) => $"{followerId}:{followeeId}";
}

using System.Globalization;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Feeds;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Members;

/// <summary>
/// One follower -> followee edge. It is the only caller of AddFollowing/AddFollower, so two members following each
/// other at the same moment use two different edges and never wait on each other's turn. It also keeps the follower's
/// feed in step: backfill on follow, removal on unfollow.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class FollowGrain(IOptions<FeedOptions> options) : Grain, IFollowGrain
{
    public async Task FollowAsync()
    {
        var (followerId, followeeId) = ParseKey();
        if (followerId == followeeId)
        {
            throw new DomainException(ErrorCodes.FollowSelfNotAllowed, "You cannot follow yourself.");
        }

        var followee = GrainFactory.GetGrain<IMemberGrain>(followeeId);
        if (!await followee.IsActiveAsync())
        {
            throw new DomainException(ErrorCodes.MemberNotFound, $"Member {followeeId} does not exist.");
        }

        var follower = GrainFactory.GetGrain<IMemberGrain>(followerId);
        await follower.AddFollowingOrThrowAsync(followeeId);
        try
        {
            await followee.AddFollowerAsync(followerId);
        }
        catch
        {
            await follower.RemoveFollowingOrThrowAsync(followeeId);
            throw;
        }

        var recent = await GrainFactory.GetGrain<IAuthorPostsGrain>(followeeId).GetRecentAsync(options.Value.BackfillCount);
        await GrainFactory.GetGrain<IFeedGrain>(followerId).BackfillAsync(recent);
    }

    public async Task UnfollowAsync()
    {
        var (followerId, followeeId) = ParseKey();
        await GrainFactory.GetGrain<IMemberGrain>(followerId).RemoveFollowingOrThrowAsync(followeeId);
        await GrainFactory.GetGrain<IMemberGrain>(followeeId).RemoveFollowerAsync(followerId);
        await GrainFactory.GetGrain<IFeedGrain>(followerId).RemoveAuthorAsync(followeeId);
    }

    private (long Follower, long Followee) ParseKey()
    {
        var parts = this.GetPrimaryKeyString().Split(':');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}

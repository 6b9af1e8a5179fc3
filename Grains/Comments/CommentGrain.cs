using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Comments;

/// <summary>Maps a comment id to its post's thread; calls no other grain.</summary>
[GrainPool(GrainPools.Write)]
public sealed class CommentGrain(
    [PersistentState("comment_locator")] IPersistentState<CommentLocatorState> locator) : Grain, ICommentGrain
{
    public async Task BindAsync(long postId)
    {
        if (locator.State.PostId != postId)
        {
            locator.State.PostId = postId;
            await locator.WriteStateAsync();
        }
    }

    public Task<long> GetPostIdOrThrowAsync() =>
        locator.State.PostId is { } postId
            ? Task.FromResult(postId)
            : throw new DomainException(ErrorCodes.CommentNotFound, $"Comment {this.GetPrimaryKeyLong()} does not exist.");

    public Task<long?> FindPostIdAsync() => Task.FromResult(locator.State.PostId);
}

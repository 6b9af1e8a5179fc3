using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Grains.Activities;
using Dailyfeed.Grains.Feeds;
using Dailyfeed.Grains.Members;
using Dailyfeed.Grains.Text;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Pools.Broadcast;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Posts;

/// <summary>
/// One post. Every change is written with its activity event (the like event names the liker: the original recorded
/// the author). Creation fans the post out to followers' feeds unless the author is above the fan-out threshold.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class PostGrain(
    [PersistentState("post")] IPersistentState<PostState> post,
    IOptions<PostOptions> options,
    IOptions<FeedOptions> feedOptions,
    ISearchIndex search,
    IPoolBroadcast broadcast,
    TimeProvider clock,
    ILogger<PostGrain> logger) : Grain, IPostGrain
{
    private IGrainTimer? _removalRetry;

    private PostState State => post.State;

    private long Id => this.GetPrimaryKeyLong();

    public async Task<PostView> CreateAsync(long authorId, PostDraft draft)
    {
        if (State.Exists)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"Post {Id} already exists.");
        }

        var (title, content) = ValidateOrThrow(draft);
        var author = GrainFactory.GetGrain<IMemberGrain>(authorId);
        var summary = await author.GetSummaryOrThrowAsync();
        var followers = await author.GetAllFollowerIdsAsync();
        State.Exists = true;
        State.PushedToFeeds = followers.Count < feedOptions.Value.FanOutThreshold;
        State.AuthorId = authorId;
        State.Title = title;
        State.Content = content;
        State.CreatedAt = State.UpdatedAt = clock.GetUtcNow();
        this.EnqueueEvent(Activity(MemberActivityType.POST_CREATE, authorId));
        await post.WriteStateAsync();

        var reference = PostMapper.ToRef(Id, State);
        await IndexAsync();
        await GrainFactory.GetGrain<IAuthorPostsGrain>(authorId).AddAsync(reference);
        await GrainFactory.GetGrain<IPostsByDayGrain>(PostDays.KeyOf(DateOnly.FromDateTime(State.CreatedAt.UtcDateTime), Id)).AddAsync(reference);
        await RankAsync();
        await FanOutAsync(followers, reference);
        return PostMapper.ToView(Id, State, summary, authorId);
    }

    public async Task<PostView> UpdateAsync(long memberId, PostDraft draft)
    {
        ThrowIfMissingOrDeleted(alreadyDeletedCode: ErrorCodes.PostAlreadyDeleted);
        if (State.AuthorId != memberId)
        {
            throw new DomainException(ErrorCodes.PostUpdateForbidden, "Only the author can edit this post.");
        }

        (State.Title, State.Content) = ValidateOrThrow(draft);
        State.UpdatedAt = clock.GetUtcNow();
        this.EnqueueEvent(Activity(MemberActivityType.POST_UPDATE, memberId));
        await SaveAsync();
        await IndexAsync();
        await RankAsync();
        return await ViewAsync(memberId);
    }

    public async Task DeleteAsync(long memberId)
    {
        ThrowIfMissingOrDeleted(alreadyDeletedCode: ErrorCodes.PostAlreadyDeleted);
        if (State.AuthorId != memberId)
        {
            throw new DomainException(ErrorCodes.PostDeleteForbidden, "Only the author can delete this post.");
        }

        State.Deleted = true;
        State.RemovalPending = true;
        State.UpdatedAt = clock.GetUtcNow();
        this.EnqueueEvent(Activity(MemberActivityType.POST_DELETE, memberId));
        await SaveAsync();
        await RemoveFromListsOrRetryLaterAsync();
    }

    /// <summary>A delete whose removal from the lists was cut short (a failed call, a crash) finishes it here.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.RemovalPending)
        {
            ScheduleRemovalRetry(dueTime: TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task LikeAsync(long memberId)
    {
        ThrowIfMissingOrDeleted(alreadyDeletedCode: ErrorCodes.PostNotFound);
        if (!State.LikedBy.Add(memberId))
        {
            throw new DomainException(ErrorCodes.PostLikeAlreadyExists, "You already like this post.");
        }

        this.EnqueueEvent(Activity(MemberActivityType.LIKE_POST, memberId));
        await SaveAsync();
        await RankAsync();
    }

    public async Task UnlikeAsync(long memberId)
    {
        ThrowIfMissingOrDeleted(alreadyDeletedCode: ErrorCodes.PostNotFound);
        if (!State.LikedBy.Remove(memberId))
        {
            throw new DomainException(ErrorCodes.PostLikeCancelAlreadyCommitted, "You do not like this post.");
        }

        this.EnqueueEvent(Activity(MemberActivityType.LIKE_POST_CANCEL, memberId));
        await SaveAsync();
        await RankAsync();
    }

    public async Task<PostView> ReadAsync(long viewerId)
    {
        ThrowIfMissingOrDeleted(alreadyDeletedCode: ErrorCodes.PostNotFound);
        if (viewerId != State.AuthorId)
        {
            State.ViewCount++;
            this.EnqueueEvent(Activity(MemberActivityType.POST_READ, viewerId));
            await SaveAsync();
            await RankAsync();
        }

        return await ViewAsync(viewerId);
    }

    public Task<PostSnapshot> GetSnapshotAsync() => Task.FromResult(PostMapper.ToSnapshot(Id, State));

    public Task<PostStatistics> GetStatisticsOrThrowAsync()
    {
        ThrowIfMissingOrDeleted(alreadyDeletedCode: ErrorCodes.PostNotFound);
        return Task.FromResult(new PostStatistics(State.CommentCount, State.LikedBy.Count));
    }

    public async Task AdjustCommentCountAsync(int delta)
    {
        State.CommentCount = Math.Max(0, State.CommentCount + delta);
        await SaveAsync();
        await RankAsync();
    }

    /// <summary>
    /// Writes the post, then tells the read pool's silos their copy is stale and waits for them, so the change shows in
    /// the next list read once this write is acknowledged (see <see cref="ReadModels.PostViewReadModel"/>).
    /// </summary>
    private async Task SaveAsync()
    {
        await post.WriteStateAsync();
        await broadcast.SendAsync(GrainPools.Read, new PostChanged(Id));
    }

    private async Task FanOutAsync(IReadOnlyCollection<long> followers, Abstractions.Posts.PostRef reference)
    {
        if (State.PushedToFeeds is false)
        {
            return; // A celebrity: followers' feeds pull this author's timeline instead.
        }

        await Parallel.ForEachAsync(
            followers,
            new ParallelOptions { MaxDegreeOfParallelism = feedOptions.Value.FanOutParallelism, TaskScheduler = TaskScheduler.Current },
            async (follower, _) => await GrainFactory.GetGrain<IFeedGrain>(follower).PushAsync(reference));
    }

    /// <summary>
    /// Takes the deleted post out of every list it was added to, so pages are cut from live posts only (a page cut
    /// first and filtered after came out short). Each removal is idempotent; the pending mark is cleared only when all
    /// succeeded, and until then a timer (and the next activation, after a crash) runs them again. The delete itself
    /// is acknowledged either way: readers no longer see the post, only a page may be short until the retry.
    /// </summary>
    private async Task RemoveFromListsOrRetryLaterAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IAuthorPostsGrain>(State.AuthorId).RemoveAsync(Id);
            await GrainFactory.GetGrain<IPostsByDayGrain>(PostDays.KeyOf(DateOnly.FromDateTime(State.CreatedAt.UtcDateTime), Id)).RemoveAsync(Id);
            await GrainFactory.GetGrain<IPostRankingGrain>(PostRankings.Key).RemoveAsync(Id);
            await search.DeleteAsync(SearchKind.Post, [Id], CancellationToken.None);
            await RemoveFromFeedsAsync();
            State.RemovalPending = false;
            await post.WriteStateAsync();
            _removalRetry?.Dispose();
            _removalRetry = null;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Deleted post {PostId} is still listed somewhere; retrying in {Interval}", Id, options.Value.RemovalRetryInterval);
            ScheduleRemovalRetry(options.Value.RemovalRetryInterval);
        }
    }

    /// <remarks>Keeps the activation alive until the removal is done, so a quiet post does not leave lists short.</remarks>
    private void ScheduleRemovalRetry(TimeSpan dueTime) =>
        _removalRetry ??= this.RegisterGrainTimer(
            RemoveFromListsOrRetryLaterAsync,
            new GrainTimerCreationOptions(dueTime, options.Value.RemovalRetryInterval) { KeepAlive = true });

    /// <summary>
    /// Followers' feeds the post was pushed to drop it. Whether it was pushed is recorded at creation: a celebrity's
    /// posts never were (feeds pull them from the author's timeline), and an author who crossed the threshold since
    /// still has the pushed copies of older posts. State written before that record existed is treated as pushed.
    /// </summary>
    private async Task RemoveFromFeedsAsync()
    {
        if (State.PushedToFeeds is false)
        {
            return;
        }

        var followers = await GrainFactory.GetGrain<IMemberGrain>(State.AuthorId).GetAllFollowerIdsAsync();

        await Parallel.ForEachAsync(
            followers,
            new ParallelOptions { MaxDegreeOfParallelism = feedOptions.Value.FanOutParallelism, TaskScheduler = TaskScheduler.Current },
            async (follower, _) => await GrainFactory.GetGrain<IFeedGrain>(follower).RemovePostAsync(Id));
    }

    /// <summary>
    /// Called after each activity on the post (edit, like, view, comment). Rankings get the whole score, so an update
    /// lost in a crash is repaired by the next one.
    /// </summary>
    private Task RankAsync() => GrainFactory.GetGrain<IPostRankingGrain>(PostRankings.Key).UpdateAsync(new PostScore(
            Id, State.ViewCount, State.LikedBy.Count, State.CommentCount, State.CreatedAt, clock.GetUtcNow()));

    /// <summary>Search follows the post; a failure here leaves the acknowledged write alone and the next edit re-indexes.</summary>
    private async Task IndexAsync()
    {
        try
        {
            await search.UpsertAsync(SearchKind.Post, Id, $"{State.Title}\n{State.Content}", State.CreatedAt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not index post {PostId} for search", Id);
        }
    }

    /// <summary>The post as <paramref name="viewerId"/> sees it (one post; lists render from the read pool's copies).</summary>
    private async Task<PostView> ViewAsync(long viewerId) =>
        PostMapper.ToView(Id, State, await MemberSummaries.FindAsync(GrainFactory, State.AuthorId), viewerId);

    private (string? Title, string Content) ValidateOrThrow(PostDraft draft)
    {
        UserText.RefuseControlCharactersOrThrow("content", draft.Content);
        UserText.RefuseControlCharactersOrThrow("title", draft.Title);
        var content = draft.Content?.Trim();
        if (string.IsNullOrEmpty(content) || content.Length > options.Value.MaxContentLength)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"content must be 1-{options.Value.MaxContentLength} characters.");
        }

        var title = string.IsNullOrWhiteSpace(draft.Title) ? null : draft.Title.Trim();
        if (title is { Length: var length } && length > options.Value.MaxTitleLength)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"title must be at most {options.Value.MaxTitleLength} characters.");
        }

        return (title, content);
    }

    private void ThrowIfMissingOrDeleted(string alreadyDeletedCode)
    {
        if (!State.Exists)
        {
            throw new DomainException(ErrorCodes.PostNotFound, $"Post {Id} does not exist.");
        }

        if (State.Deleted)
        {
            throw new DomainException(alreadyDeletedCode, $"Post {Id} was deleted.");
        }
    }

    private StreamEvent Activity(MemberActivityType type, long memberId)
    {
        var now = clock.GetUtcNow();
        return ActivityEventMapper.ToEvent(new MemberActivity(memberId, Id, null, null, type, now, now));
    }
}

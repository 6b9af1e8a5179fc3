using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Runtime;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.Feeds;

/// <summary>
/// The follow feed. Pushed entries cover ordinary authors; followed celebrities are pulled from their timelines at
/// read time and merged, so one celebrity post costs no write per follower. Calls only grains that never call feeds.
/// </summary>
public sealed class FeedGrain(
    [PersistentState("feed")] IPersistentState<FeedState> feed,
    IOptions<FeedOptions> options,
    TimeProvider clock) : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;
    private IReadOnlyList<long> _celebrities = [];
    private DateTimeOffset _celebritiesReadAt = DateTimeOffset.MinValue;

    public async Task PushAsync(PostRef post)
    {
        if (PostRefList.Insert(feed.State.Entries, post, _options.MaxEntries))
        {
            await feed.WriteStateAsync();
        }
    }

    public async Task RemovePostAsync(long postId)
    {
        if (feed.State.Entries.RemoveAll(p => p.PostId == postId) > 0)
        {
            await feed.WriteStateAsync();
        }
    }

    public async Task BackfillAsync(IReadOnlyList<PostRef> posts)
    {
        var added = posts.Count(p => PostRefList.Insert(feed.State.Entries, p, _options.MaxEntries));
        if (added > 0)
        {
            await feed.WriteStateAsync();
        }

        _celebritiesReadAt = DateTimeOffset.MinValue;
    }

    public async Task RemoveAuthorAsync(long authorId)
    {
        _celebritiesReadAt = DateTimeOffset.MinValue;
        if (feed.State.Entries.RemoveAll(p => p.AuthorId == authorId) > 0)
        {
            await feed.WriteStateAsync();
        }
    }

    public async Task<Slice<PostRef>> GetPageAsync(PageRequest page)
    {
        var celebrities = await FollowedCelebritiesAsync();
        if (celebrities.Count == 0)
        {
            return Slices.Of(feed.State.Entries, page);
        }

        // Enough of each celebrity's newest posts to fill this page whatever the interleaving.
        var needed = (page.Page + 1) * page.Size + 1;
        var pulled = await Task.WhenAll(celebrities.Select(id => GrainFactory.GetGrain<IAuthorPostsGrain>(id).GetRecentAsync(needed)));
        return Slices.Of(PostRefList.NewestFirst(feed.State.Entries.Concat(pulled.SelectMany(p => p))), page);
    }

    private async Task<IReadOnlyList<long>> FollowedCelebritiesAsync()
    {
        if (clock.GetUtcNow() - _celebritiesReadAt < _options.CelebrityCacheTtl)
        {
            return _celebrities;
        }

        var all = await GrainFactory.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).GetAllAsync();
        if (all.Count > 0)
        {
            var following = (await GrainFactory.GetGrain<IMemberGrain>(GetPrimaryKeyLong()).GetAllFollowingIdsAsync()).ToHashSet();
            all = all.Where(following.Contains).ToList();
        }

        _celebrities = all;
        _celebritiesReadAt = clock.GetUtcNow();
        return all;
    }
}

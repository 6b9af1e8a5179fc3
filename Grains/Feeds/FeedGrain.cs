using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Grains.ReadModels;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Feeds;

/// <summary>
/// The follow feed. Pushed entries cover ordinary authors; followed celebrities are pulled from their timelines at
/// read time and merged, so one celebrity post costs no write per follower. Pages render from this silo's copies of the
/// posts (<see cref="PostViewReadModel"/>). Calls only grains that never call feeds.
/// </summary>
/// <remarks>
/// Pushes land in a small head that is the only state rewritten per push; when it fills it is folded into the archive
/// (the older state, named "feed" as before the split, so existing feeds load unchanged). A push used to rewrite the
/// whole 500-entry document, the largest cost of a compose. The archive is written before the head is emptied, so a
/// crash between the two leaves an entry in both, which the merged view folds into one.
/// </remarks>
[GrainPool(GrainPools.Read)]
public sealed class FeedGrain(
    [PersistentState("feed")] IPersistentState<FeedState> archive,
    [PersistentState("feedHead")] IPersistentState<FeedState> head,
    IOptions<FeedOptions> options,
    PostViewReadModel posts,
    TimeProvider clock) : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;
    private IReadOnlyList<long> _celebrities = [];
    private DateTimeOffset _celebritiesReadAt = DateTimeOffset.MinValue;
    private List<PostRef>? _entries;

    /// <summary>Head and archive merged, newest first, at most MaxEntries; rebuilt after a change, read many times.</summary>
    private List<PostRef> Entries => _entries ??= PostRefList.NewestFirst(head.State.Entries.Concat(archive.State.Entries)).Take(_options.MaxEntries).ToList();

    public Task PushAsync(PostRef post) => AddAsync([post]);

    public async Task RemovePostAsync(long postId) => await RemoveWhereAsync(p => p.PostId == postId);

    public async Task BackfillAsync(IReadOnlyList<PostRef> posts)
    {
        await AddAsync(posts);
        _celebritiesReadAt = DateTimeOffset.MinValue;
    }

    public async Task RemoveAuthorAsync(long authorId)
    {
        _celebritiesReadAt = DateTimeOffset.MinValue;
        await RemoveWhereAsync(p => p.AuthorId == authorId);
    }

    public async Task<Slice<PostRef>> GetPageAsync(PageRequest page)
    {
        var celebrities = await FollowedCelebritiesAsync();
        if (celebrities.Count == 0)
        {
            return Slices.Of(Entries, page);
        }

        // Enough of each celebrity's newest posts to fill this page whatever the interleaving. A celebrity's entries
        // pushed before they crossed the threshold are left to the pull: their timeline has dropped deleted posts,
        // and deletes are not fanned out to a celebrity's followers, so a pushed copy could cut a page short.
        var needed = (page.Page + 1) * page.Size + 1;
        var pulled = await Task.WhenAll(celebrities.Select(id => GrainFactory.GetGrain<IAuthorPostsGrain>(id).GetRecentAsync(needed)));
        var pushed = Entries.Where(p => !celebrities.Contains(p.AuthorId));
        return Slices.Of(PostRefList.NewestFirst(pushed.Concat(pulled.SelectMany(p => p))), page);
    }

    public async Task<Slice<PostView>> GetViewPageAsync(PageRequest page) =>
        await posts.PageAsync(await GetPageAsync(page), this.GetPrimaryKeyLong());

    private async Task AddAsync(IReadOnlyList<PostRef> posts)
    {
        var known = Entries.Select(p => p.PostId).ToHashSet();
        var added = posts.Count(p => known.Add(p.PostId) && PostRefList.Insert(head.State.Entries, p, _options.MaxEntries));
        if (added == 0)
        {
            return;
        }

        _entries = null;
        if (head.State.Entries.Count > _options.HeadEntries)
        {
            archive.State.Entries = Entries.ToList();
            await archive.WriteStateAsync();
            head.State.Entries.Clear();
        }

        await head.WriteStateAsync();
    }

    private async Task RemoveWhereAsync(Predicate<PostRef> match)
    {
        var fromHead = head.State.Entries.RemoveAll(match) > 0;
        var fromArchive = archive.State.Entries.RemoveAll(match) > 0;
        if (fromHead || fromArchive)
        {
            _entries = null;
        }

        if (fromArchive)
        {
            await archive.WriteStateAsync();
        }

        if (fromHead)
        {
            await head.WriteStateAsync();
        }
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
            var following = (await GrainFactory.GetGrain<IMemberGrain>(this.GetPrimaryKeyLong()).GetAllFollowingIdsAsync()).ToHashSet();
            all = all.Where(following.Contains).ToList();
        }

        _celebrities = all;
        _celebritiesReadAt = clock.GetUtcNow();
        return all;
    }
}

using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Members;
using Dailyfeed.Orleans.Pools.Broadcast;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Grains.ReadModels;

/// <summary>
/// The read pool's copies of posts and their authors, one set per silo, from which lists (feeds, rankings, author
/// timelines) render their pages without a call into the write pool per post.
/// </summary>
/// <remarks>
/// Staleness: the grains that own posts and members broadcast a change notice to every read-pool silo after each
/// write and wait for it (<see cref="IPoolBroadcast"/>), so a like, an edit or a delete shows in the next list read
/// once the write is acknowledged. A silo the notice could not reach re-reads its copy when it is older than
/// <see cref="ReadModelOptions.MaxAge"/>. A silo that joins starts empty; a restarted one loses nothing it needs.
/// </remarks>
public sealed class PostViewReadModel : IPoolMessageHandler<PostChanged>, IPoolMessageHandler<MemberSummaryChanged>
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ReplicaTable<PostCopy> _posts;
    private readonly ReplicaTable<MemberSummary?> _authors;
    private readonly Func<long, Task<PostCopy>> _fetchPost;
    private readonly Func<long, Task<MemberSummary?>> _fetchAuthor;

    public PostViewReadModel(IGrainFactory grains, IOptions<ReadModelOptions> options, TimeProvider clock)
    {
        _grains = grains;
        _clock = clock;
        _posts = new ReplicaTable<PostCopy>(options.Value.PostCapacity, options.Value.MaxAge, clock);
        _authors = new ReplicaTable<MemberSummary?>(options.Value.AuthorCapacity, options.Value.MaxAge, clock);
        _fetchPost = async id => new PostCopy(await _grains.GetGrain<IPostGrain>(id).GetSnapshotAsync());
        _fetchAuthor = id => MemberSummaries.FindAsync(_grains, id);
    }

    /// <summary>Views of the posts, in order, as <paramref name="viewerId"/> sees them; missing and deleted posts are left out.</summary>
    /// <remarks>Synchronous when every copy is fresh, as it is for almost every read of a warm silo.</remarks>
    public Task<IReadOnlyList<PostView>> ViewsAsync(IReadOnlyList<long> ids, long viewerId)
    {
        var now = _clock.GetTimestamp();
        var views = new List<PostView>(ids.Count);
        foreach (var id in ids)
        {
            if (!_posts.TryGetFresh(id, now, out var post))
            {
                return LoadAsync(ids, viewerId);
            }

            if (!post.Snapshot.Visible)
            {
                continue;
            }

            if (!_authors.TryGetFresh(post.Snapshot.AuthorId, now, out var author))
            {
                return LoadAsync(ids, viewerId);
            }

            views.Add(post.ViewFor(author, viewerId));
        }

        return Task.FromResult<IReadOnlyList<PostView>>(views);
    }

    /// <summary>A page of post references (a feed's, an author's) as <paramref name="viewerId"/> sees it.</summary>
    public async Task<Slice<PostView>> PageAsync(Slice<PostRef> refs, long viewerId)
    {
        var ids = new long[refs.Content.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = refs.Content[i].PostId;
        }

        return new Slice<PostView>(await ViewsAsync(ids, viewerId), refs.Page, refs.Size, refs.HasNext);
    }

    public Task HandleAsync(PostChanged message)
    {
        _posts.Invalidate(message.PostId);
        return Task.CompletedTask;
    }

    public Task HandleAsync(MemberSummaryChanged message)
    {
        _authors.Invalidate(message.MemberId);
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<PostView>> LoadAsync(IReadOnlyList<long> ids, long viewerId)
    {
        var posts = await Task.WhenAll(ids.Select(id => _posts.GetAsync(id, _fetchPost)));
        var authorIds = posts.Where(p => p.Snapshot.Visible).Select(p => p.Snapshot.AuthorId).Distinct().ToList();
        var authors = await Task.WhenAll(authorIds.Select(id => _authors.GetAsync(id, _fetchAuthor)));
        var authorOf = authorIds.Zip(authors).ToDictionary(pair => pair.First, pair => pair.Second);
        return posts.Where(p => p.Snapshot.Visible).Select(p => p.ViewFor(authorOf[p.Snapshot.AuthorId], viewerId)).ToList();
    }
}

using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Posts;

/// <summary>
/// A post's two views (liked and not liked by the viewer) as completed tasks, kept until the post is written again or
/// its author's summary changes. Timeline pages read a post far more often than it changes, and building the view per
/// read made the view and its task the largest allocation of a timeline read.
/// </summary>
/// <remarks>
/// Keyed by the state object and its ETag, which every successful write replaces, so no mutation path has to remember
/// to clear it. Read-only turns share the activation, so the entry is one immutable object swapped in whole.
/// </remarks>
internal sealed class PostViewCache
{
    private volatile Entry? _entry;

    public Task<PostView> Get(long id, PostState state, string? etag, MemberSummary? author, long viewerId)
    {
        var entry = _entry;
        if (entry is null || entry.Etag != etag || !ReferenceEquals(entry.State, state) || !ReferenceEquals(entry.Author, author))
        {
            entry = new Entry(state, etag, author, Build(id, state, author, liked: true), Build(id, state, author, liked: false));
            _entry = entry;
        }

        return state.LikedBy.Contains(viewerId) ? entry.Liked : entry.NotLiked;
    }

    private static Task<PostView> Build(long id, PostState state, MemberSummary? author, bool liked) =>
        Task.FromResult(PostMapper.ToView(id, state, author, liked));

    private sealed record Entry(PostState State, string? Etag, MemberSummary? Author, Task<PostView> Liked, Task<PostView> NotLiked);
}

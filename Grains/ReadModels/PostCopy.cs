using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Posts;

namespace Dailyfeed.Grains.ReadModels;

/// <summary>
/// A silo's copy of one post, with its two views (liked by the reader or not) built once per author summary: a
/// timeline page reads a post far more often than it changes, and building views per read was its largest allocation.
/// </summary>
internal sealed class PostCopy(PostSnapshot snapshot)
{
    private volatile Views? _views;

    public PostSnapshot Snapshot { get; } = snapshot;

    public PostView ViewFor(MemberSummary? author, long viewerId)
    {
        var views = _views;
        if (views is null || !ReferenceEquals(views.Author, author))
        {
            _views = views = new Views(author, PostMapper.ToView(Snapshot, author, liked: true), PostMapper.ToView(Snapshot, author, liked: false));
        }

        return Array.BinarySearch(Snapshot.LikedBy, viewerId) >= 0 ? views.Liked : views.NotLiked;
    }

    private sealed record Views(MemberSummary? Author, PostView Liked, PostView NotLiked);
}

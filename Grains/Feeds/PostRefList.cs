using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Feeds;

/// <summary>Newest-first lists of post references: ordered insert without duplicates, bounded, paged.</summary>
public static class PostRefList
{
    public static bool Insert(List<PostRef> list, PostRef post, int max)
    {
        if (list.Any(p => p.PostId == post.PostId))
        {
            return false;
        }

        var position = list.FindIndex(p => Newer(post, p));
        list.Insert(position < 0 ? list.Count : position, post);
        if (list.Count > max)
        {
            list.RemoveRange(max, list.Count - max);
        }

        return true;
    }

    /// <summary>Newest first; the larger id breaks ties so the order is total.</summary>
    public static bool Newer(PostRef a, PostRef b) => a.CreatedAt > b.CreatedAt || (a.CreatedAt == b.CreatedAt && a.PostId > b.PostId);

    public static IEnumerable<PostRef> NewestFirst(IEnumerable<PostRef> posts) =>
        posts.DistinctBy(p => p.PostId).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.PostId);
}

using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Feeds;

public sealed class AuthorPostsState
{
    public List<PostRef> Posts { get; set; } = [];
}

using System.Text.Json.Serialization;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Feeds;

public sealed class AuthorPostsState
{
    [JsonConverter(typeof(PostRefListJsonConverter))]
    public List<PostRef> Posts { get; set; } = [];
}

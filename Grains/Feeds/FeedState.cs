using System.Text.Json.Serialization;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Feeds;

public sealed class FeedState
{
    /// <summary>Pushed post references, newest first.</summary>
    [JsonConverter(typeof(PostRefListJsonConverter))]
    public List<PostRef> Entries { get; set; } = [];
}

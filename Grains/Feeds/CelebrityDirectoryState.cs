namespace Dailyfeed.Grains.Feeds;

public sealed class CelebrityDirectoryState
{
    public List<long> AuthorIds { get; set; } = [];
}


namespace Dailyfeed.Grains.Abstractions.Feeds;

/// <summary>
/// Authors with more followers than the fan-out threshold (one grain, key <see cref="CelebrityDirectory.Key"/>). Their
/// posts are not pushed to every follower's feed; feeds pull them at read time.
/// </summary>
[Alias("dailyfeed.feeds.ICelebrityDirectoryGrain")]
public interface ICelebrityDirectoryGrain : IGrainWithStringKey
{
    Task AddAsync(long authorId);

    Task RemoveAsync(long authorId);

    [ReadOnly]
    Task<IReadOnlyList<long>> GetAllAsync();
}

public static class CelebrityDirectory
{
    public const string Key = "global";
}

using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>
/// The posts created on one UTC day, keyed by the day as yyyyMMdd. Date-range queries read one grain per day instead
/// of scanning posts.
/// </summary>
[GrainPool(GrainPools.Read)]
public interface IPostsByDayGrain : IGrainWithIntegerKey
{
    Task AddAsync(PostRef post);

    Task RemoveAsync(long postId);

    [ReadOnly]
    Task<IReadOnlyList<PostRef>> GetAllAsync();
}

public static class PostDays
{
    public static long KeyOf(DateOnly day) => (day.Year * 10_000L) + (day.Month * 100L) + day.Day;
}

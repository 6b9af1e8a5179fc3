
namespace Dailyfeed.Grains.Abstractions.Posts;

/// <summary>
/// One bucket of the posts created on one UTC day, keyed by <see cref="PostDays.KeyOf"/>. Date-range queries read the
/// buckets of each day instead of scanning posts; buckets keep a busy day from funnelling every new post through one
/// activation and one ever-growing document.
/// </summary>
[Alias("dailyfeed.posts.IPostsByDayGrain")]
public interface IPostsByDayGrain : IGrainWithIntegerKey
{
    Task AddAsync(PostRef post);

    Task RemoveAsync(long postId);

    [ReadOnly]
    Task<IReadOnlyList<PostRef>> GetAllAsync();
}

public static class PostDays
{
    /// <summary>Buckets per day. Writers and readers must agree, so this is part of the key scheme, not a setting.</summary>
    public const int Buckets = 16;

    /// <summary>yyyyMMddBB: the day, then the bucket the post id falls in.</summary>
    public static long KeyOf(DateOnly day, long postId) => KeyOf(day, (int)(postId % Buckets));

    public static IEnumerable<long> KeysOf(DateOnly day) => Enumerable.Range(0, Buckets).Select(bucket => KeyOf(day, bucket));

    private static long KeyOf(DateOnly day, int bucket) => ((day.Year * 10_000L) + (day.Month * 100L) + day.Day) * 100 + bucket;
}

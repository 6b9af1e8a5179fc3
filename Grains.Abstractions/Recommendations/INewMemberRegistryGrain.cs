using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Recommendations;

/// <summary>The most recent signups (one grain, key <see cref="NewMemberRegistry.Key"/>), for "newbie" recommendations.</summary>
[Alias("dailyfeed.recommendations.INewMemberRegistryGrain")]
public interface INewMemberRegistryGrain : IGrainWithStringKey
{
    Task AddAsync(long memberId);

    Task RemoveAsync(long memberId);

    /// <summary>Newest first, leaving out the asking member and everyone in <paramref name="excluded"/>.</summary>
    [ReadOnly]
    Task<Slice<long>> RecommendAsync(long forMemberId, IReadOnlyList<long> excluded, PageRequest page);
}

public static class NewMemberRegistry
{
    public const string Key = "global";
}

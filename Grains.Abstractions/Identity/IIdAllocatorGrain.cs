
namespace Dailyfeed.Grains.Abstractions.Identity;

/// <summary>Hands out blocks of ids per sequence ("member", "post", ...); each block is persisted before use.</summary>
[Alias("dailyfeed.identity.IIdAllocatorGrain")]
public interface IIdAllocatorGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first.</summary>
    Task<long> ReserveAsync(int count);
}

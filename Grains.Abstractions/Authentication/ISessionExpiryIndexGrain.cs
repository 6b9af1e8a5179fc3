
namespace Dailyfeed.Grains.Abstractions.Authentication;

/// <summary>
/// The refresh sessions whose token expires within one time bucket, keyed by the bucket number. Cleanup visits the
/// buckets that lie wholly in the past instead of scanning every session.
/// </summary>
[Alias("dailyfeed.authentication.ISessionExpiryIndexGrain")]
public interface ISessionExpiryIndexGrain : IGrainWithIntegerKey
{
    Task AddAsync(Guid familyId);

    /// <summary>Returns the bucket's sessions and empties it.</summary>
    Task<IReadOnlyList<Guid>> DrainAsync();
}

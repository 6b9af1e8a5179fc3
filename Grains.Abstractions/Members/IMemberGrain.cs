using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Abstractions.Members;

/// <summary>One member: profile, credentials and the follow graph around them. Keyed by member id.</summary>
[Alias("dailyfeed.members.IMemberGrain")]
public interface IMemberGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the member: validates, claims email and handle cluster-wide, hashes the password.</summary>
    Task<MemberProfile> RegisterAsync(MemberRegistration registration);

    /// <summary>Checks the password; returns the summary of an active member or throws MEMBER_PASSWORD_INVALID.</summary>
    Task<MemberSummary> VerifyPasswordOrThrowAsync(string password);

    /// <summary>Records a logout in the activity stream (the token side lives in the gateway and the blacklist).</summary>
    Task RecordLogoutAsync();

    /// <summary>The profile as <paramref name="viewerId"/> sees it: the email only on the member's own profile.</summary>
    [ReadOnly]
    Task<MemberProfile> GetProfileOrThrowAsync(long viewerId);

    [ReadOnly]
    Task<MemberSummary> GetSummaryOrThrowAsync();

    [ReadOnly]
    Task<bool> IsActiveAsync();

    Task<MemberProfile> UpdateProfileAsync(ProfileUpdate update);

    Task<MemberProfile> ChangeHandleAsync(string newHandle);

    /// <summary>Soft-deletes the member, frees its email and handle, and dissolves its follow edges.</summary>
    Task DeactivateAsync();

    /// <summary>
    /// Records that this member follows the target: rejects self-follow, duplicates and the following cap. Calls no
    /// other grain (the follow coordinator does), so two members following each other at once cannot deadlock.
    /// </summary>
    Task AddFollowingOrThrowAsync(long targetMemberId);

    /// <summary>Forgets a following; throws FOLLOW_RELATIONSHIP_NOT_FOUND when there was none.</summary>
    Task RemoveFollowingOrThrowAsync(long targetMemberId);

    [ReadOnly]
    Task<Slice<long>> GetFollowingIdsAsync(PageRequest page);

    [ReadOnly]
    Task<Slice<long>> GetFollowerIdsAsync(PageRequest page);

    [ReadOnly]
    Task<IReadOnlyList<long>> GetAllFollowingIdsAsync();

    [ReadOnly]
    Task<IReadOnlyList<long>> GetAllFollowerIdsAsync();

    /// <summary>Called by the follow coordinator; idempotent.</summary>
    Task AddFollowerAsync(long followerId);

    /// <summary>Called by the follow coordinator; idempotent.</summary>
    Task RemoveFollowerAsync(long followerId);
}

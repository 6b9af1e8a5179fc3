namespace Dailyfeed.Grains.Abstractions.Members;

/// <summary>Signup input as the API receives it; the member grain validates every field.</summary>
public sealed record MemberRegistration(
    string Email,
    string Password,
    string MemberName,
    string Handle,
    string? DisplayName = null,
    string? Bio = null,
    string? Location = null,
    string? WebsiteUrl = null,
    DateOnly? BirthDate = null,
    string? Gender = null,
    string? Timezone = null,
    string? LanguageCode = null,
    string? CountryCode = null);

/// <summary>Editable profile fields; null leaves a field unchanged.</summary>
public sealed record ProfileUpdate(
    string? MemberName = null,
    string? DisplayName = null,
    string? Bio = null,
    string? Location = null,
    string? WebsiteUrl = null,
    DateOnly? BirthDate = null,
    string? Gender = null,
    string? Timezone = null,
    string? LanguageCode = null,
    string? CountryCode = null,
    string? AvatarUrl = null);

/// <summary>A profile; <see cref="Email"/> is null unless the member reads their own.</summary>
public sealed record MemberProfile(
    long Id,
    string? Email,
    string MemberName,
    string Handle,
    string? DisplayName,
    string? Bio,
    string? Location,
    string? WebsiteUrl,
    DateOnly? BirthDate,
    string? Gender,
    string? Timezone,
    string? LanguageCode,
    string? CountryCode,
    string? AvatarUrl,
    string VerificationStatus,
    int FollowersCount,
    int FollowingsCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The original sent the id twice, and its clients read <c>memberId</c>.</summary>
    public long MemberId => Id;
}

public sealed record MemberSummary(
    long MemberId,
    string MemberName,
    string MemberHandle,
    string? DisplayName,
    string VerificationStatus,
    string? AvatarUrl,
    DateTimeOffset UpdatedAt);

/// <summary>{id, name} as the original's member endpoints return it.</summary>
public sealed record MemberIdName(long Id, string Name);

/// <summary>Follower and following counts plus one page of each, for the followers-followings endpoint.</summary>
public sealed record FollowOverview(
    int FollowersCount,
    int FollowingsCount,
    Paging.Slice<MemberSummary> Followers,
    Paging.Slice<MemberSummary> Followings);

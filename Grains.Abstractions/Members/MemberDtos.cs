namespace Dailyfeed.Grains.Abstractions.Members;

/// <summary>Signup input as the API receives it; the member grain validates every field.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.members.MemberRegistration")]
public sealed record MemberRegistration(
    [Id(0)] string Email,
    [Id(1)] string Password,
    [Id(2)] string MemberName,
    [Id(3)] string Handle,
    [Id(4)] string? DisplayName = null,
    [Id(5)] string? Bio = null,
    [Id(6)] string? Location = null,
    [Id(7)] string? WebsiteUrl = null,
    [Id(8)] DateOnly? BirthDate = null,
    [Id(9)] string? Gender = null,
    [Id(10)] string? Timezone = null,
    [Id(11)] string? LanguageCode = null,
    [Id(12)] string? CountryCode = null);

/// <summary>Editable profile fields; null leaves a field unchanged.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.members.ProfileUpdate")]
public sealed record ProfileUpdate(
    [Id(0)] string? MemberName = null,
    [Id(1)] string? DisplayName = null,
    [Id(2)] string? Bio = null,
    [Id(3)] string? Location = null,
    [Id(4)] string? WebsiteUrl = null,
    [Id(5)] DateOnly? BirthDate = null,
    [Id(6)] string? Gender = null,
    [Id(7)] string? Timezone = null,
    [Id(8)] string? LanguageCode = null,
    [Id(9)] string? CountryCode = null,
    [Id(10)] string? AvatarUrl = null);

/// <summary>A profile; <see cref="Email"/> is null unless the member reads their own.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.members.MemberProfile")]
public sealed record MemberProfile(
    [Id(0)] long Id,
    [Id(1)] string? Email,
    [Id(2)] string MemberName,
    [Id(3)] string Handle,
    [Id(4)] string? DisplayName,
    [Id(5)] string? Bio,
    [Id(6)] string? Location,
    [Id(7)] string? WebsiteUrl,
    [Id(8)] DateOnly? BirthDate,
    [Id(9)] string? Gender,
    [Id(10)] string? Timezone,
    [Id(11)] string? LanguageCode,
    [Id(12)] string? CountryCode,
    [Id(13)] string? AvatarUrl,
    [Id(14)] string VerificationStatus,
    [Id(15)] int FollowersCount,
    [Id(16)] int FollowingsCount,
    [Id(17)] DateTimeOffset CreatedAt,
    [Id(18)] DateTimeOffset UpdatedAt)
{
    /// <summary>The original sent the id twice, and its clients read <c>memberId</c>.</summary>
    public long MemberId => Id;
}

[GenerateSerializer, Immutable, Alias("dailyfeed.members.MemberSummary")]
public sealed record MemberSummary(
    [Id(0)] long MemberId,
    [Id(1)] string MemberName,
    [Id(2)] string MemberHandle,
    [Id(3)] string? DisplayName,
    [Id(4)] string VerificationStatus,
    [Id(5)] string? AvatarUrl,
    [Id(6)] DateTimeOffset UpdatedAt);

/// <summary>{id, name} as the original's member endpoints return it.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.members.MemberIdName")]
public sealed record MemberIdName([Id(0)] long Id, [Id(1)] string Name);

/// <summary>Follower and following counts plus one page of each, for the followers-followings endpoint.</summary>
[GenerateSerializer, Alias("dailyfeed.members.FollowOverview")]
public sealed record FollowOverview(
    [Id(0)] int FollowersCount,
    [Id(1)] int FollowingsCount,
    [Id(2)] Paging.Slice<MemberSummary> Followers,
    [Id(3)] Paging.Slice<MemberSummary> Followings);

/// <summary>Broadcast to read-pool silos after a member's summary (name, handle, avatar, status) changes.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.members.MemberSummaryChanged")]
public sealed record MemberSummaryChanged([Id(0)] long MemberId);

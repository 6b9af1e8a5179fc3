using Dailyfeed.Grains.Abstractions.Members;

namespace Dailyfeed.Grains.Members;

/// <summary>Member state to the DTOs the API returns (never the password hash).</summary>
public static class MemberMapper
{
    public static MemberProfile ToProfile(long id, MemberState s) => new(
        id, s.Email, s.MemberName, s.Handle, s.DisplayName, s.Bio, s.Location, s.WebsiteUrl, s.BirthDate, s.Gender,
        s.Timezone, s.LanguageCode, s.CountryCode, s.AvatarUrl, s.VerificationStatus, s.Followers.Count, s.Followings.Count,
        s.CreatedAt, s.UpdatedAt);

    public static MemberSummary ToSummary(long id, MemberState s) =>
        new(id, s.MemberName, s.Handle, s.DisplayName, s.VerificationStatus, s.AvatarUrl, s.UpdatedAt);

    /// <summary>The name shown as a post's or comment's author: the display name, as the original mapped it, else the member name.</summary>
    public static string? AuthorName(MemberSummary? author) =>
        string.IsNullOrWhiteSpace(author?.DisplayName) ? author?.MemberName : author.DisplayName;

    public static void Apply(MemberState s, MemberRegistration r)
    {
        s.Email = r.Email.Trim();
        s.Handle = r.Handle;
        s.MemberName = r.MemberName.Trim();
        s.DisplayName = r.DisplayName;
        s.Bio = r.Bio;
        s.Location = r.Location;
        s.WebsiteUrl = r.WebsiteUrl;
        s.BirthDate = r.BirthDate;
        s.Gender = r.Gender;
        s.Timezone = r.Timezone;
        s.LanguageCode = r.LanguageCode;
        s.CountryCode = r.CountryCode;
    }

    public static void Apply(MemberState s, ProfileUpdate u)
    {
        s.MemberName = u.MemberName?.Trim() ?? s.MemberName;
        s.DisplayName = u.DisplayName ?? s.DisplayName;
        s.Bio = u.Bio ?? s.Bio;
        s.Location = u.Location ?? s.Location;
        s.WebsiteUrl = u.WebsiteUrl ?? s.WebsiteUrl;
        s.BirthDate = u.BirthDate ?? s.BirthDate;
        s.Gender = u.Gender ?? s.Gender;
        s.Timezone = u.Timezone ?? s.Timezone;
        s.LanguageCode = u.LanguageCode ?? s.LanguageCode;
        s.CountryCode = u.CountryCode ?? s.CountryCode;
        s.AvatarUrl = u.AvatarUrl ?? s.AvatarUrl;
    }
}

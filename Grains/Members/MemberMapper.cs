using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Text;

namespace Dailyfeed.Grains.Members;

/// <summary>Member state to the DTOs the API returns (never the password hash).</summary>
public static class MemberMapper
{
    /// <summary>The member's own profile.</summary>
    public static MemberProfile ToProfile(long id, MemberState s) => ToProfile(id, s, viewerId: id);

    /// <summary>The profile as another member sees it: the email is private to its owner.</summary>
    public static MemberProfile ToProfile(long id, MemberState s, long viewerId) => new(
        id, viewerId == id ? s.Email : null, s.MemberName, s.Handle, s.DisplayName, s.Bio, s.Location, s.WebsiteUrl, s.BirthDate, s.Gender,
        s.Timezone, s.LanguageCode, s.CountryCode, s.AvatarUrl, s.VerificationStatus, s.Followers.Count, s.Followings.Count,
        s.CreatedAt, s.UpdatedAt);

    public static MemberSummary ToSummary(long id, MemberState s) =>
        new(id, s.MemberName, s.Handle, s.DisplayName, s.VerificationStatus, s.AvatarUrl, s.UpdatedAt);

    /// <summary>The name shown as a post's or comment's author: the display name, as the original mapped it, else the member name.</summary>
    public static string? AuthorName(MemberSummary? author) =>
        string.IsNullOrWhiteSpace(author?.DisplayName) ? author?.MemberName : author.DisplayName;

    /// <summary>Optional fields sent empty, as the original signup form sends them, are stored as absent.</summary>
    public static void Apply(MemberState s, MemberRegistration r)
    {
        s.Email = r.Email.Trim();
        s.Handle = r.Handle;
        s.MemberName = r.MemberName.Trim();
        s.DisplayName = UserText.EmptyAsAbsent(r.DisplayName);
        s.Bio = UserText.EmptyAsAbsent(r.Bio);
        s.Location = UserText.EmptyAsAbsent(r.Location);
        s.WebsiteUrl = UserText.EmptyAsAbsent(r.WebsiteUrl);
        s.BirthDate = r.BirthDate;
        s.Gender = UserText.EmptyAsAbsent(r.Gender);
        s.Timezone = UserText.EmptyAsAbsent(r.Timezone);
        s.LanguageCode = UserText.EmptyAsAbsent(r.LanguageCode);
        s.CountryCode = UserText.EmptyAsAbsent(r.CountryCode);
    }

    /// <summary>A field left out (null) is unchanged; a field sent empty is cleared (stored as absent).</summary>
    public static void Apply(MemberState s, ProfileUpdate u)
    {
        s.MemberName = u.MemberName?.Trim() ?? s.MemberName;
        s.DisplayName = Updated(s.DisplayName, u.DisplayName);
        s.Bio = Updated(s.Bio, u.Bio);
        s.Location = Updated(s.Location, u.Location);
        s.WebsiteUrl = Updated(s.WebsiteUrl, u.WebsiteUrl);
        s.BirthDate = u.BirthDate ?? s.BirthDate;
        s.Gender = Updated(s.Gender, u.Gender);
        s.Timezone = Updated(s.Timezone, u.Timezone);
        s.LanguageCode = Updated(s.LanguageCode, u.LanguageCode);
        s.CountryCode = Updated(s.CountryCode, u.CountryCode);
        s.AvatarUrl = Updated(s.AvatarUrl, u.AvatarUrl);
    }

    private static string? Updated(string? current, string? sent) => sent is null ? current : UserText.EmptyAsAbsent(sent);
}

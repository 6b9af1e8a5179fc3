namespace Dailyfeed.Grains.Members;

/// <summary>A member's durable record. Follow lists are newest first; counts are their lengths.</summary>
public sealed class MemberState
{
    public MemberStatus Status { get; set; }

    public string Email { get; set; } = string.Empty;

    public string Handle { get; set; } = string.Empty;

    public string MemberName { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    public string? Bio { get; set; }

    public string? Location { get; set; }

    public string? WebsiteUrl { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Gender { get; set; }

    public string? Timezone { get; set; }

    public string? LanguageCode { get; set; }

    public string? CountryCode { get; set; }

    public string? AvatarUrl { get; set; }

    public string VerificationStatus { get; set; } = MemberVerification.None;

    public string PasswordHash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<long> Followings { get; set; } = [];

    public List<long> Followers { get; set; } = [];
}

public static class MemberVerification
{
    public const string None = "NONE";
}

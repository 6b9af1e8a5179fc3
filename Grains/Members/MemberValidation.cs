using System.Net.Mail;
using System.Text.RegularExpressions;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Text;

namespace Dailyfeed.Grains.Members;

/// <summary>The original's field rules; every violation names the field so the client can show it next to the input.</summary>
public static partial class MemberValidation
{
    public const int PasswordMin = 8;
    public const int PasswordMax = 50;
    public const int NameMin = 2;
    public const int NameMax = 30;
    public const int HandleMin = 3;
    public const int HandleMax = 50;
    public const int EmailMax = 254;
    public const int TextMax = 500;

    public static void ValidateRegistrationOrThrow(MemberRegistration registration)
    {
        RefuseControlCharactersOrThrow(
            ("email", registration.Email), ("memberName", registration.MemberName), ("handle", registration.Handle),
            ("displayName", registration.DisplayName), ("bio", registration.Bio), ("location", registration.Location),
            ("websiteUrl", registration.WebsiteUrl), ("gender", registration.Gender), ("timezone", registration.Timezone),
            ("languageCode", registration.LanguageCode), ("countryCode", registration.CountryCode));
        ValidateEmailOrThrow(registration.Email);
        ValidatePasswordOrThrow(registration.Password);
        ValidateNameOrThrow(registration.MemberName);
        ValidateHandleOrThrow(registration.Handle);
        ValidateOptionalOrThrow(registration.DisplayName, registration.Bio, registration.Location, registration.WebsiteUrl);
    }

    public static void ValidateUpdateOrThrow(ProfileUpdate update)
    {
        RefuseControlCharactersOrThrow(
            ("memberName", update.MemberName), ("displayName", update.DisplayName), ("bio", update.Bio), ("location", update.Location),
            ("websiteUrl", update.WebsiteUrl), ("gender", update.Gender), ("timezone", update.Timezone),
            ("languageCode", update.LanguageCode), ("countryCode", update.CountryCode), ("avatarUrl", update.AvatarUrl));
        if (update.MemberName is not null)
        {
            ValidateNameOrThrow(update.MemberName);
        }

        ValidateOptionalOrThrow(update.DisplayName, update.Bio, update.Location, update.WebsiteUrl);
        if (!string.IsNullOrEmpty(update.AvatarUrl) && !IsHttpUrl(update.AvatarUrl) && !update.AvatarUrl.StartsWith('/'))
        {
            throw Invalid("avatarUrl", "must be an http(s) URL or a path on this server");
        }
    }

    public static void ValidateHandleOrThrow(string? handle)
    {
        if (handle is null || handle.Length is < HandleMin or > HandleMax || !HandleCharacters().IsMatch(handle))
        {
            throw Invalid("handle", $"must be {HandleMin}-{HandleMax} characters of A-Z, a-z, 0-9 and _");
        }
    }

    private static void ValidateEmailOrThrow(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > EmailMax || !MailAddress.TryCreate(email, out var parsed) ||
            parsed.Address != email.Trim() || !parsed.Host.Contains('.'))
        {
            throw Invalid("email", "must be a valid email address");
        }
    }

    private static void ValidatePasswordOrThrow(string? password)
    {
        var ok = password is { Length: >= PasswordMin and <= PasswordMax } &&
                 password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit) &&
                 password.Any(c => !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c));
        if (!ok)
        {
            throw Invalid("password", $"must be {PasswordMin}-{PasswordMax} characters with an upper-case letter, a lower-case letter, a digit and a special character");
        }
    }

    private static void ValidateNameOrThrow(string? name)
    {
        if (name is null || name.Trim().Length is < NameMin or > NameMax)
        {
            throw Invalid("memberName", $"must be {NameMin}-{NameMax} characters");
        }
    }

    private static void ValidateOptionalOrThrow(string? displayName, string? bio, string? location, string? websiteUrl)
    {
        foreach (var (field, value) in new[] { ("displayName", displayName), ("bio", bio), ("location", location) })
        {
            if (value is { Length: > TextMax })
            {
                throw Invalid(field, $"must be at most {TextMax} characters");
            }
        }

        if (!string.IsNullOrEmpty(websiteUrl) && !IsHttpUrl(websiteUrl))
        {
            throw Invalid("websiteUrl", "must be an absolute http(s) URL");
        }
    }

    private static void RefuseControlCharactersOrThrow(params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            UserText.RefuseControlCharactersOrThrow(field, value);
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static DomainException Invalid(string field, string rule) => new(ErrorCodes.InvalidRequest, $"{field} {rule}.");

    [GeneratedRegex(@"^[A-Za-z0-9_]+\z")] // \z: "$" would also accept a trailing newline
    private static partial Regex HandleCharacters();
}

namespace Dailyfeed.Grains.Members;

/// <summary>The "user" type ASP.NET Core Identity's PasswordHasher is parameterised by; it carries nothing.</summary>
public sealed class MemberCredentials;

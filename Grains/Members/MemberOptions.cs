namespace Dailyfeed.Grains.Members;

/// <summary>Member rules and costs (configuration section Dailyfeed:Members).</summary>
public sealed class MemberOptions
{
    public const string Section = "Dailyfeed:Members";

    /// <summary>The original's cap on how many members one member may follow.</summary>
    public int MaxFollowings { get; set; } = 1000;

    /// <summary>PBKDF2 iterations of ASP.NET Core Identity's hasher (its own default is 100,000).</summary>
    public int PasswordHashIterations { get; set; } = 100_000;
}

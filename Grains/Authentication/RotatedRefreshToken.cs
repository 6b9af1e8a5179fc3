namespace Dailyfeed.Grains.Authentication;

/// <summary>A token rotated away less than the reuse grace ago: enough to recognise it (hash only) and to date it.</summary>
public sealed class RotatedRefreshToken
{
    public string TokenId { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset RotatedAt { get; set; }
}

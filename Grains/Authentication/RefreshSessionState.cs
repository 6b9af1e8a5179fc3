using Dailyfeed.Grains.Abstractions.Authentication;

namespace Dailyfeed.Grains.Authentication;

/// <summary>One refresh-token family. Only a hash of the current secret is stored, never the token itself.</summary>
public sealed class RefreshSessionState
{
    public long MemberId { get; set; }

    public string? CurrentTokenId { get; set; }

    public byte[] CurrentSecretHash { get; set; } = [];

    public DateTimeOffset ExpiresAt { get; set; }

    public string? RevokedReason { get; set; }

    public List<string> RotatedTokenIds { get; set; } = [];

    public ClientInfo? LastClient { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

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

    /// <summary>Every rotated-away token id remembered for theft detection (bounded).</summary>
    public List<string> RotatedTokenIds { get; set; } = [];

    /// <summary>Tokens rotated away within the reuse grace, which still refresh (pruned as the grace passes).</summary>
    public List<RotatedRefreshToken> RecentlyRotated { get; set; } = [];

    public ClientInfo? LastClient { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

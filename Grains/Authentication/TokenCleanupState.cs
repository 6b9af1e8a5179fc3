namespace Dailyfeed.Grains.Authentication;

public sealed class TokenCleanupState
{
    /// <summary>The newest expiry bucket already swept; null before the first pass.</summary>
    public long? LastSweptBucket { get; set; }
}

namespace Dailyfeed.Grains.Authentication;

/// <summary>
/// How long a rotated-away refresh token still counts (configuration section Dailyfeed:Jwt, beside the gateway's token
/// settings). A single-page app fires several requests at once when its token expires and members keep several tabs
/// on one cookie, so a token rotated a moment ago comes back honestly; identity providers allow the same window.
/// </summary>
public sealed class RefreshReuseOptions
{
    public const string Section = "Dailyfeed:Jwt";

    /// <summary>Reuse within this window rotates again in the same family; reuse after it is theft and revokes the family.</summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(30);
}

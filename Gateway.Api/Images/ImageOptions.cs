namespace Dailyfeed.Gateway.Api.Images;

/// <summary>Configuration section Dailyfeed:Images.</summary>
public sealed class ImageOptions
{
    public const string Section = "Dailyfeed:Images";

    /// <summary>Directory of the image volume (shared by all gateways in a cluster).</summary>
    public string StoragePath { get; set; } = "data/images";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long browsers may cache an image (ids are immutable).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromDays(7);
}

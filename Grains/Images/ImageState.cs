using Dailyfeed.Grains.Abstractions.Images;

namespace Dailyfeed.Grains.Images;

public sealed class ImageState
{
    public ImageInfo? Info { get; set; }
}

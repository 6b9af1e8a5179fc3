namespace Dailyfeed.Gateway.Api.Images;

/// <summary>
/// Recognises images by their leading bytes, never by file name or declared content type, which a client controls.
/// </summary>
public static class ImageSignatures
{
    /// <summary>Bytes needed to decide (WebP needs 12).</summary>
    public const int HeaderLength = 12;

    public static string? ContentTypeOf(ReadOnlySpan<byte> header) => header switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, 0x37 or 0x39, 0x61, ..] => "image/gif",
        [0x42, 0x4D, ..] => "image/bmp",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}

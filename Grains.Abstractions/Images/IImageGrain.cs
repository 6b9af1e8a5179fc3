
namespace Dailyfeed.Grains.Abstractions.Images;

/// <summary>What is known about a stored image; the bytes live in the image store.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.images.ImageInfo")]
public sealed record ImageInfo(
    [Id(0)] Guid Id,
    [Id(1)] long OwnerId,
    [Id(2)] string ContentType,
    [Id(3)] long Length,
    [Id(4)] DateTimeOffset CreatedAt);

/// <summary>Ownership and metadata of one uploaded image, keyed by image id.</summary>
[Alias("dailyfeed.images.IImageGrain")]
public interface IImageGrain : IGrainWithGuidKey
{
    Task<ImageInfo> RegisterAsync(long ownerId, string contentType, long length);

    [ReadOnly]
    Task<ImageInfo?> GetAsync();

    /// <summary>Forgets the image if the member owns it; returns whether it did (the caller then deletes the bytes).</summary>
    Task<bool> DeleteAsync(long memberId);
}

using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Abstractions.Images;

/// <summary>What is known about a stored image; the bytes live in the image store.</summary>
public sealed record ImageInfo(Guid Id, long OwnerId, string ContentType, long Length, DateTimeOffset CreatedAt);

/// <summary>Ownership and metadata of one uploaded image, keyed by image id.</summary>
[GrainPool(GrainPools.Write)]
public interface IImageGrain : IGrainWithGuidKey
{
    Task<ImageInfo> RegisterAsync(long ownerId, string contentType, long length);

    [ReadOnly]
    Task<ImageInfo?> GetAsync();

    /// <summary>Forgets the image if the member owns it; returns whether it did (the caller then deletes the bytes).</summary>
    Task<bool> DeleteAsync(long memberId);
}

using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Images;
using Dailyfeed.Orleans.Pools;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Images;

[GrainPool(GrainPools.Write)]
public sealed class ImageGrain(
    [PersistentState("image")] IPersistentState<ImageState> image,
    TimeProvider clock) : Grain, IImageGrain
{
    public async Task<ImageInfo> RegisterAsync(long ownerId, string contentType, long length)
    {
        if (image.State.Info is not null)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, "This image id is already used.");
        }

        image.State.Info = new ImageInfo(this.GetPrimaryKey(), ownerId, contentType, length, clock.GetUtcNow());
        await image.WriteStateAsync();
        return image.State.Info;
    }

    public Task<ImageInfo?> GetAsync() => Task.FromResult(image.State.Info);

    public async Task<bool> DeleteAsync(long memberId)
    {
        if (image.State.Info?.OwnerId != memberId)
        {
            return false;
        }

        await image.ClearStateAsync();
        return true;
    }
}

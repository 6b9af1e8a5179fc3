using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Posts;

/// <summary>Post ids to views, in order, in parallel; posts deleted since they were listed are left out.</summary>
public static class PostViews
{
    public static async Task<IReadOnlyList<PostView>> LoadAsync(IGrainFactory grains, IReadOnlyList<long> ids, long viewerId)
    {
        var views = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return await grains.GetGrain<IPostGrain>(id).GetOrThrowAsync(viewerId);
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.PostNotFound)
            {
                return null;
            }
        }));
        return views.OfType<PostView>().ToList();
    }
}

using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Posts;

namespace Dailyfeed.Grains.Posts;

/// <summary>Post ids to views, in order, asked in parallel; posts deleted since they were listed are left out.</summary>
public static class PostViews
{
    public static Task<IReadOnlyList<PostView>> LoadAsync(IGrainFactory grains, IReadOnlyList<long> ids, long viewerId)
    {
        var calls = new Task<PostView>[ids.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = grains.GetGrain<IPostGrain>(ids[i]).GetOrThrowAsync(viewerId);
        }

        // Posts held by this silo usually answer at once; only a page with a call still running needs awaiting.
        foreach (var call in calls)
        {
            if (!call.IsCompleted)
            {
                return CollectAsync(calls);
            }
        }

        return Task.FromResult(Collect(calls));
    }

    private static async Task<IReadOnlyList<PostView>> CollectAsync(Task<PostView>[] calls)
    {
        foreach (var call in calls)
        {
            try
            {
                await call;
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.PostNotFound)
            {
            }
        }

        return Collect(calls);
    }

    /// <summary>The views of completed calls; a failure other than a missing post is rethrown as it was.</summary>
    private static IReadOnlyList<PostView> Collect(Task<PostView>[] calls)
    {
        var views = new List<PostView>(calls.Length);
        foreach (var call in calls)
        {
            if (call.IsCompletedSuccessfully)
            {
                views.Add(call.Result);
            }
            else if (call.Exception?.InnerException is not DomainException { Code: ErrorCodes.PostNotFound })
            {
                call.GetAwaiter().GetResult();
            }
        }

        return views;
    }
}

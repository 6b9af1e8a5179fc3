using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Activities;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>GET /api/member-activities: the caller's activity log, newest first (the original had no read API for it).</summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/member-activities", async (HttpContext context, IGrainFactory grains, int? page, int? size) =>
                ApiResults.Scroll(await grains.GetGrain<IActivityGrain>(context.User.IdOrThrow())
                    .GetPageAsync(PagingParameters.ToRequestOrThrow(page, size))))
            .WithTags("Activities")
            .RequireAuthorization();
        return app;
    }
}

using Dailyfeed.Gateway.Api.Authentication;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Text;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Recommendations;

namespace Dailyfeed.Gateway.Api.Apis;

/// <summary>Profiles, summaries and the follow graph: the original's /api/members surface.</summary>
public static class MembersApi
{
    public const int MaxIdsPerLookup = 100;

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members").WithTags("Members").RequireAuthorization();
        members.MapGet("/", ListAsync);
        members.MapGet("/{id:long}", GetIdNameAsync);
        members.MapGet("/profile", (HttpContext c, IGrainFactory g) => ProfileAsync(g, c.User.IdOrThrow(), c.User.IdOrThrow()));
        members.MapGet("/profile/{id:long}", (long id, HttpContext c, IGrainFactory g) => ProfileAsync(g, id, c.User.IdOrThrow()));
        members.MapGet("/profile/@{handle}", ProfileByHandleAsync);
        members.MapPut("/profile", UpdateProfileAsync);
        members.MapPut("/profile/handle", ChangeHandleAsync);
        members.MapGet("/summary", (HttpContext c, IGrainFactory g) => SummaryAsync(g, c.User.IdOrThrow()));
        members.MapGet("/{id:long}/summary", (long id, IGrainFactory g) => SummaryAsync(g, id));
        members.MapGet("/followers-followings", (HttpContext c, IGrainFactory g, int? page, int? size) => OverviewAsync(g, c.User.IdOrThrow(), page, size));
        members.MapGet("/{id:long}/followers-followings", (long id, IGrainFactory g, int? page, int? size) => OverviewAsync(g, id, page, size));
        members.MapGet("/followers/more", (HttpContext c, IGrainFactory g, int? page, int? size) => FollowersAsync(g, c.User.IdOrThrow(), page, size));
        members.MapGet("/{id:long}/followers/more", (long id, IGrainFactory g, int? page, int? size) => FollowersAsync(g, id, page, size));
        members.MapGet("/followings/more", (HttpContext c, IGrainFactory g, int? page, int? size) => FollowingsAsync(g, c.User.IdOrThrow(), page, size));
        members.MapGet("/{id:long}/followings/more", (long id, IGrainFactory g, int? page, int? size) => FollowingsAsync(g, id, page, size));
        members.MapPost("/follow/{id:long}", FollowAsync);
        members.MapDelete("/follow/{id:long}", UnfollowAsync);
        members.MapGet("/follow/recommend/newbie", RecommendNewbiesAsync);
        return app;
    }

    public sealed record HandleChange(string? NewHandle);

    /// <summary>GET /api/members: the caller, or with ?ids=1,2,3 up to 100 members by id.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, string? ids)
    {
        if (string.IsNullOrWhiteSpace(ids))
        {
            return await GetIdNameAsync(context.User.IdOrThrow(), grains);
        }

        var parsed = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, out var id) ? id : throw new DomainException(ErrorCodes.InvalidRequest, $"'{s}' is not a member id."))
            .Distinct()
            .ToList();
        if (parsed.Count > MaxIdsPerLookup)
        {
            throw new DomainException(ErrorCodes.MemberIdsLimitExceeds, $"At most {MaxIdsPerLookup} ids per request.");
        }

        var summaries = await SummariesAsync(grains, parsed);
        return ApiResults.Ok(summaries.Select(s => new MemberIdName(s.MemberId, s.MemberName)).ToList());
    }

    private static async Task<IResult> GetIdNameAsync(long id, IGrainFactory grains)
    {
        var summary = await grains.GetGrain<IMemberGrain>(id).GetSummaryOrThrowAsync();
        return ApiResults.Ok(new MemberIdName(summary.MemberId, summary.MemberName));
    }

    private static async Task<IResult> ProfileAsync(IGrainFactory grains, long id, long viewerId) =>
        ApiResults.Ok(await grains.GetGrain<IMemberGrain>(id).GetProfileOrThrowAsync(viewerId));

    private static async Task<IResult> ProfileByHandleAsync(string handle, HttpContext context, IGrainFactory grains)
    {
        // A key with a control character cannot exist and some stores cannot even look it up.
        UserText.RefuseControlCharactersOrThrow("handle", handle);
        var id = await grains.GetGrain<IUniqueKeyGrain>(UniqueKeys.Handle(handle)).GetOwnerAsync()
                 ?? throw new DomainException(ErrorCodes.MemberNotFound, $"No member has the handle @{handle}.");
        return await ProfileAsync(grains, id, context.User.IdOrThrow());
    }

    private static async Task<IResult> UpdateProfileAsync(ProfileUpdate update, HttpContext context, IGrainFactory grains) =>
        ApiResults.Ok(await grains.GetGrain<IMemberGrain>(context.User.IdOrThrow()).UpdateProfileAsync(update));

    private static async Task<IResult> ChangeHandleAsync(HandleChange change, HttpContext context, IGrainFactory grains) =>
        ApiResults.Ok(await grains.GetGrain<IMemberGrain>(context.User.IdOrThrow())
            .ChangeHandleAsync(change.NewHandle ?? throw new DomainException(ErrorCodes.InvalidRequest, "newHandle is required.")));

    private static async Task<IResult> SummaryAsync(IGrainFactory grains, long id) =>
        ApiResults.Ok(await grains.GetGrain<IMemberGrain>(id).GetSummaryOrThrowAsync());

    private static async Task<IResult> OverviewAsync(IGrainFactory grains, long id, int? page, int? size)
    {
        var request = PagingParameters.ToRequestOrThrow(page, size);
        var member = grains.GetGrain<IMemberGrain>(id);
        var profile = await member.GetProfileOrThrowAsync(viewerId: id);
        var followers = await ExpandAsync(grains, await member.GetFollowerIdsAsync(request));
        var followings = await ExpandAsync(grains, await member.GetFollowingIdsAsync(request));
        return ApiResults.Ok(new FollowOverview(profile.FollowersCount, profile.FollowingsCount, followers, followings));
    }

    private static async Task<IResult> FollowersAsync(IGrainFactory grains, long id, int? page, int? size)
    {
        var ids = await grains.GetGrain<IMemberGrain>(id).GetFollowerIdsAsync(PagingParameters.ToRequestOrThrow(page, size));
        return ApiResults.Scroll(await ExpandAsync(grains, ids));
    }

    private static async Task<IResult> FollowingsAsync(IGrainFactory grains, long id, int? page, int? size)
    {
        var ids = await grains.GetGrain<IMemberGrain>(id).GetFollowingIdsAsync(PagingParameters.ToRequestOrThrow(page, size));
        return ApiResults.Scroll(await ExpandAsync(grains, ids));
    }

    private static async Task<IResult> FollowAsync(long id, HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IFollowGrain>(FollowEdges.Key(context.User.IdOrThrow(), id)).FollowAsync();
        return ApiResults.Ok(true);
    }

    private static async Task<IResult> UnfollowAsync(long id, HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<IFollowGrain>(FollowEdges.Key(context.User.IdOrThrow(), id)).UnfollowAsync();
        return ApiResults.Ok(true);
    }

    private static async Task<IResult> RecommendNewbiesAsync(HttpContext context, IGrainFactory grains, int? page, int? size)
    {
        var me = context.User.IdOrThrow();
        var following = await grains.GetGrain<IMemberGrain>(me).GetAllFollowingIdsAsync();
        var ids = await grains.GetGrain<INewMemberRegistryGrain>(NewMemberRegistry.Key)
            .RecommendAsync(me, following, PagingParameters.ToRequestOrThrow(page, size));
        return ApiResults.Scroll(await ExpandAsync(grains, ids));
    }

    private static async Task<Slice<MemberSummary>> ExpandAsync(IGrainFactory grains, Slice<long> ids) =>
        new(await SummariesAsync(grains, ids.Content), ids.Page, ids.Size, ids.HasNext);

    /// <summary>Summaries in the order of the ids; members deactivated meanwhile are left out.</summary>
    private static async Task<IReadOnlyList<MemberSummary>> SummariesAsync(IGrainFactory grains, IReadOnlyList<long> ids)
    {
        var lookups = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return await grains.GetGrain<IMemberGrain>(id).GetSummaryOrThrowAsync();
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.MemberNotFound)
            {
                return null;
            }
        }));
        return lookups.OfType<MemberSummary>().ToList();
    }
}

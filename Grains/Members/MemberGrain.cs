using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Feeds;
using Dailyfeed.Grains.Abstractions.Identity;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Recommendations;
using Dailyfeed.Grains.Activities;
using Dailyfeed.Grains.Feeds;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Grains.Recommendations;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Pools.Broadcast;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Members;

/// <summary>
/// One member. Outgoing calls go only to grains that never call back (unique keys, the signup registry, follow edges
/// started without waiting), so a member's turn can never wait in a cycle.
/// </summary>
[GrainPool(GrainPools.Write)]
public sealed class MemberGrain(
    [PersistentState("member")] IPersistentState<MemberState> member,
    IPasswordHasher<MemberCredentials> hasher,
    IOptions<MemberOptions> options,
    IOptions<FeedOptions> feedOptions,
    IOptions<RecommendationOptions> recommendationOptions,
    IPoolBroadcast broadcast,
    TimeProvider clock,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain
{
    private static readonly MemberCredentials Credentials = new();

    private MemberState State => member.State;

    private long Id => this.GetPrimaryKeyLong();

    public async Task<MemberProfile> RegisterAsync(MemberRegistration registration)
    {
        if (State.Status != MemberStatus.Unregistered)
        {
            throw new DomainException(ErrorCodes.MemberAlreadyExists, $"Member {Id} is already registered.");
        }

        MemberValidation.ValidateRegistrationOrThrow(registration);
        var email = GrainFactory.GetGrain<IUniqueKeyGrain>(UniqueKeys.Email(registration.Email));
        await email.ClaimOrThrowAsync(Id, ErrorCodes.MemberAlreadyExists);
        try
        {
            await GrainFactory.GetGrain<IUniqueKeyGrain>(UniqueKeys.Handle(registration.Handle)).ClaimOrThrowAsync(Id, ErrorCodes.MemberHandleAlreadyExists);
        }
        catch
        {
            await email.ReleaseAsync(Id);
            throw;
        }

        MemberMapper.Apply(State, registration);
        State.PasswordHash = hasher.HashPassword(Credentials, registration.Password);
        State.Status = MemberStatus.Active;
        State.CreatedAt = State.UpdatedAt = clock.GetUtcNow();
        this.EnqueueEvent(ActivityEventMapper.Member(MemberActivityType.MEMBER_SIGNUP, Id, State.CreatedAt));
        await member.WriteStateAsync();
        await NewMemberRegistryWrites.AddAsync(GrainFactory, Id, recommendationOptions.Value);
        return MemberMapper.ToProfile(Id, State);
    }

    public async Task<MemberSummary> VerifyPasswordOrThrowAsync(string password)
    {
        var result = State.Status == MemberStatus.Active
            ? hasher.VerifyHashedPassword(Credentials, State.PasswordHash, password ?? string.Empty)
            : PasswordVerificationResult.Failed;
        if (result == PasswordVerificationResult.Failed)
        {
            throw new DomainException(ErrorCodes.MemberPasswordInvalid, "The email or password is not correct.");
        }

        this.EnqueueEvent(ActivityEventMapper.Member(MemberActivityType.MEMBER_LOGIN, Id, clock.GetUtcNow()));
        await this.FlushEventsAsync();
        return MemberMapper.ToSummary(Id, State);
    }

    public Task RecordLogoutAsync()
    {
        this.EnqueueEvent(ActivityEventMapper.Member(MemberActivityType.MEMBER_LOGOUT, Id, clock.GetUtcNow()));
        return this.FlushEventsAsync();
    }

    public Task<MemberProfile> GetProfileOrThrowAsync(long viewerId)
    {
        ThrowIfNotActive();
        return Task.FromResult(MemberMapper.ToProfile(Id, State, viewerId));
    }

    public Task<MemberSummary> GetSummaryOrThrowAsync()
    {
        ThrowIfNotActive();
        return Task.FromResult(MemberMapper.ToSummary(Id, State));
    }

    public Task<bool> IsActiveAsync() => Task.FromResult(State.Status == MemberStatus.Active);

    public async Task<MemberProfile> UpdateProfileAsync(ProfileUpdate update)
    {
        ThrowIfNotActive();
        MemberValidation.ValidateUpdateOrThrow(update);
        MemberMapper.Apply(State, update);
        await SaveSummaryAsync();
        return MemberMapper.ToProfile(Id, State);
    }

    public async Task<MemberProfile> ChangeHandleAsync(string newHandle)
    {
        ThrowIfNotActive();
        MemberValidation.ValidateHandleOrThrow(newHandle);
        if (newHandle == State.Handle)
        {
            return MemberMapper.ToProfile(Id, State);
        }

        await GrainFactory.GetGrain<IUniqueKeyGrain>(UniqueKeys.Handle(newHandle)).ClaimOrThrowAsync(Id, ErrorCodes.MemberHandleAlreadyExists);
        var oldHandle = State.Handle;
        State.Handle = newHandle;
        await SaveSummaryAsync();
        if (!string.Equals(oldHandle, newHandle, StringComparison.OrdinalIgnoreCase))
        {
            await GrainFactory.GetGrain<IUniqueKeyGrain>(UniqueKeys.Handle(oldHandle)).ReleaseAsync(Id);
        }

        return MemberMapper.ToProfile(Id, State);
    }

    public async Task DeactivateAsync()
    {
        ThrowIfNotActive();
        State.Status = MemberStatus.Deactivated;
        await SaveSummaryAsync();
        await GrainFactory.GetGrain<IUniqueKeyGrain>(UniqueKeys.Email(State.Email)).ReleaseAsync(Id);
        await GrainFactory.GetGrain<IUniqueKeyGrain>(UniqueKeys.Handle(State.Handle)).ReleaseAsync(Id);
        await NewMemberRegistryWrites.RemoveAsync(GrainFactory, Id, recommendationOptions.Value);

        // The edges call back into this grain, so they are started, not awaited: they run once this turn ends.
        var edges = State.Followings.Select(f => FollowEdges.Key(Id, f)).Concat(State.Followers.Select(f => FollowEdges.Key(f, Id))).ToList();
        _ = DissolveEdgesAsync(edges);
    }

    public async Task AddFollowingOrThrowAsync(long targetMemberId)
    {
        ThrowIfNotActive();
        if (targetMemberId == Id)
        {
            throw new DomainException(ErrorCodes.FollowSelfNotAllowed, "You cannot follow yourself.");
        }

        if (State.Followings.Contains(targetMemberId))
        {
            throw new DomainException(ErrorCodes.FollowRelationshipAlreadyExists, $"You already follow member {targetMemberId}.");
        }

        if (State.Followings.Count >= options.Value.MaxFollowings)
        {
            throw new DomainException(ErrorCodes.FollowLimitExceeds, $"You can follow at most {options.Value.MaxFollowings} members.");
        }

        State.Followings.Insert(0, targetMemberId);
        this.EnqueueEvent(ActivityEventMapper.Member(MemberActivityType.MEMBER_FOLLOW, Id, clock.GetUtcNow(), targetMemberId));
        await SaveAsync();
    }

    public async Task RemoveFollowingOrThrowAsync(long targetMemberId)
    {
        if (!State.Followings.Remove(targetMemberId))
        {
            throw new DomainException(ErrorCodes.FollowRelationshipNotFound, $"You do not follow member {targetMemberId}.");
        }

        this.EnqueueEvent(ActivityEventMapper.Member(MemberActivityType.MEMBER_UNFOLLOW, Id, clock.GetUtcNow(), targetMemberId));
        await SaveAsync();
    }

    public Task<Slice<long>> GetFollowingIdsAsync(PageRequest page) => Task.FromResult(Slices.Of(State.Followings, page));

    public Task<Slice<long>> GetFollowerIdsAsync(PageRequest page) => Task.FromResult(Slices.Of(State.Followers, page));

    public Task<IReadOnlyList<long>> GetAllFollowingIdsAsync() => Task.FromResult<IReadOnlyList<long>>(State.Followings.ToList());

    public Task<IReadOnlyList<long>> GetAllFollowerIdsAsync() => Task.FromResult<IReadOnlyList<long>>(State.Followers.ToList());

    public async Task AddFollowerAsync(long followerId)
    {
        if (!State.Followers.Contains(followerId))
        {
            State.Followers.Insert(0, followerId);
            await member.WriteStateAsync();
            if (State.Followers.Count == feedOptions.Value.FanOutThreshold)
            {
                // From now on this member's posts are pulled by feeds, not pushed to each follower.
                await GrainFactory.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).AddAsync(Id);
            }
        }
    }

    public async Task RemoveFollowerAsync(long followerId)
    {
        if (State.Followers.Remove(followerId))
        {
            await member.WriteStateAsync();
            if (State.Followers.Count == feedOptions.Value.FanOutThreshold - 1)
            {
                await GrainFactory.GetGrain<ICelebrityDirectoryGrain>(CelebrityDirectory.Key).RemoveAsync(Id);
            }
        }
    }

    private async Task DissolveEdgesAsync(IReadOnlyList<string> edges)
    {
        foreach (var edge in edges)
        {
            try
            {
                await GrainFactory.GetGrain<IFollowGrain>(edge).UnfollowAsync();
            }
            catch (DomainException)
            {
                // Already gone: someone unfollowed meanwhile.
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not dissolve follow edge {Edge} of deactivated member {MemberId}", edge, Id);
            }
        }
    }

    private void ThrowIfNotActive()
    {
        if (State.Status != MemberStatus.Active)
        {
            throw new DomainException(ErrorCodes.MemberNotFound, $"Member {Id} does not exist.");
        }
    }

    /// <summary>
    /// Saves a change to what posts show of their author, then tells the read pool's silos their copy is stale and
    /// waits for them (see <see cref="ReadModels.PostViewReadModel"/>).
    /// </summary>
    private async Task SaveSummaryAsync()
    {
        await SaveAsync();
        await broadcast.SendAsync(GrainPools.Read, new MemberSummaryChanged(Id));
    }

    private Task SaveAsync()
    {
        State.UpdatedAt = clock.GetUtcNow();
        return member.WriteStateAsync();
    }
}

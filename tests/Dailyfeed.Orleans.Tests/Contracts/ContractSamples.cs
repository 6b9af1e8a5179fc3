using Dailyfeed.Grains.Abstractions.Activities;
using Dailyfeed.Grains.Abstractions.Authentication;
using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Images;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Errors;
using Dailyfeed.Orleans.Outbox.Streams;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Broker;
using Dailyfeed.ServiceDefaults.Resilience;

namespace Dailyfeed.Orleans.Tests.Contracts;

/// <summary>
/// One realistic value of every boundary type: Korean text, optional fields both set and null, and content lists of
/// the kinds the grains build (arrays from Slices.Of, lists from ToList, collection expressions).
/// </summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = new(2025, 3, 15, 18, 0, 7, TimeSpan.FromHours(9));

    private static readonly PostView Post = new(
        101, "오늘의 일기", "날씨가 맑아서 한강에 다녀왔다.", 7, "김민수", "minsu", "/api/images/3f2c", 42, 5, 2, true, Created, Updated);

    private static readonly PostView UntitledPost = Post with { Id = 102, Title = null, AuthorAvatarUrl = null, Liked = false };

    private static readonly CommentView Comment = new(
        501, 101, null, 0, "좋은 글이네요!", 8, "이서연", "seoyeon", null, 3, false, 1, Created, Updated);

    private static readonly CommentView Reply = Comment with { Id = 502, ParentId = 501, Depth = 1, Content = "감사합니다 :)", ReplyCount = 0 };

    private static readonly PostRef PostReference = new(101, 7, Created);

    private static readonly MemberActivity Activity = new(7, 101, null, null, MemberActivityType.POST_CREATE, Created, Created);

    private static readonly IssuedRefreshToken RefreshToken = new("0f8e1c2d.a1b2c3.secret-text", Created.AddDays(14));

    private static readonly SigningKey PrimaryKey = new("kid-2025-03", [0x01, 0x7f, 0x80, 0xff], true, true, Created, null);

    private static readonly StreamEvent Event = new(
        Guid.Parse("6c7f0c3e-4a8e-4c43-9b0e-2a4d8b1f9e01"), ActivityStreams.MemberActivity, "7", "post:101:POST_CREATE",
        nameof(MemberActivity), "post", """{"memberId":7,"postId":101}""", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", Created);

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(PageRequest)] = new PageRequest(2, 20),
        [typeof(Slice<long>)] = new Slice<long>([7L, 8L, 9L], 0, 3, true),
        [typeof(Slice<PostView>)] = new Slice<PostView>(new[] { Post, UntitledPost }, 1, 2, false),
        [typeof(Slice<PostRef>)] = new Slice<PostRef>(new List<PostRef> { PostReference }, 0, 10, false),
        [typeof(Slice<CommentView>)] = new Slice<CommentView>(new[] { Comment, Reply }, 0, 20, false),
        [typeof(Slice<CommentRef>)] = new Slice<CommentRef>(Array.Empty<CommentRef>(), 3, 20, false),
        [typeof(Slice<MemberActivity>)] = new Slice<MemberActivity>(new List<MemberActivity> { Activity }, 0, 20, false),
        [typeof(NumberedPage<PostView>)] = new NumberedPage<PostView>(new[] { Post }, 0, 10, 1, 1, true, true, false, false),
        [typeof(NumberedPage<CommentView>)] = new NumberedPage<CommentView>(
            new List<CommentView> { Comment, Reply }, 1, 2, 5, 3, false, false, true, true),

        [typeof(PostView)] = Post,
        [typeof(PostDraft)] = new PostDraft(null, "제목 없이 쓰는 글"),
        [typeof(PostRef)] = PostReference,
        [typeof(PostStatistics)] = new PostStatistics(2, 5),
        [typeof(PostSnapshot)] = new PostSnapshot(101, true, "오늘의 일기", "날씨가 맑아서 한강에 다녀왔다.", 7, 42, 2, [8L, 9L, 15L], Created, Updated),
        [typeof(PostChanged)] = new PostChanged(101),
        [typeof(MemberSummaryChanged)] = new MemberSummaryChanged(7),
        [typeof(PostScore)] = new PostScore(101, 42, 5, 2, Created, Updated),
        [typeof(PostRanking)] = PostRanking.MostCommented,

        [typeof(CommentView)] = Reply,
        [typeof(CommentRef)] = new CommentRef(501, 101, Created),

        [typeof(MemberRegistration)] = new MemberRegistration(
            "minsu@example.com", "correct horse battery", "김민수", "minsu", BirthDate: new DateOnly(1994, 2, 28), Timezone: "Asia/Seoul"),
        [typeof(ProfileUpdate)] = new ProfileUpdate(Bio: "서울에 사는 개발자", BirthDate: new DateOnly(1994, 2, 28)),
        [typeof(MemberProfile)] = new MemberProfile(
            7, "minsu@example.com", "김민수", "minsu", "민수", "서울에 사는 개발자", "Seoul", "https://example.com", new DateOnly(1994, 2, 28),
            null, "Asia/Seoul", "ko", "KR", "/api/images/3f2c", "VERIFIED", 120, 80, Created, Updated),
        [typeof(MemberSummary)] = new MemberSummary(7, "김민수", "minsu", null, "VERIFIED", "/api/images/3f2c", Updated),

        [typeof(MemberActivity)] = Activity with { PostId = null, TargetMemberId = 8, MemberActivityType = MemberActivityType.MEMBER_FOLLOW },
        [typeof(MemberActivityType)] = MemberActivityType.LIKE_COMMENT_CANCEL,

        [typeof(IssuedRefreshToken)] = RefreshToken,
        [typeof(RefreshOutcome)] = new RefreshOutcome(7, RefreshToken),
        [typeof(ClientInfo)] = new ClientInfo("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)", "203.0.113.9"),
        [typeof(SigningKey)] = PrimaryKey,
        [typeof(SigningKeySet)] = new SigningKeySet(
            4, [PrimaryKey, PrimaryKey with { KeyId = "kid-2025-02", IsPrimary = false, VerifyUntil = Updated }], ["kid-2024-12"]),
        [typeof(BlacklistEntry)] = new BlacklistEntry("jti-1", 7, Created.AddMinutes(15), "logout"),
        [typeof(BlacklistChanges)] = new BlacklistChanges(12, new List<BlacklistEntry> { new("jti-1", 7, Created.AddMinutes(15), "logout") }),
        [typeof(TokenCleanupResult)] = new TokenCleanupResult(3, 17),

        [typeof(ImageInfo)] = new ImageInfo(Guid.Parse("3f2c9a4e-1b7d-4e0a-8c55-0d6f2e9b7a10"), 7, "image/webp", 48_213, Created),

        [typeof(DomainException)] = new DomainException(ErrorCodes.PostNotFound, "Post 101 was not found."),
        [typeof(CodedException)] = new CodedException(ErrorCodes.InternalError, "게시글 저장에 실패했습니다."),
        [typeof(InconsistentStateException)] = new InconsistentStateException("The stored ETag 7 is not the 6 this writer read."),
        [typeof(DependencyUnavailableException)] = new DependencyUnavailableException("grain storage"),
        [typeof(RabbitMqPublishException)] = new RabbitMqPublishException(
            "The broker did not confirm event post:101:POST_CREATE.", new TimeoutException("No confirm within 00:00:05.")),
        [typeof(RabbitMqBrokerUnreachableException)] = new RabbitMqBrokerUnreachableException(
            "Stream provider dailyfeed-streams could not connect to 127.0.0.1:5672.", new TimeoutException("Connect timed out.")),
        [typeof(NoSiloInPoolException)] = new NoSiloInPoolException(GrainPools.Read, "feed", 2, 1),

        [typeof(DeadLetterKind)] = DeadLetterKind.Listener,
        [typeof(StreamEvent)] = Event,
        [typeof(DeadLetter)] = new DeadLetter(31, DeadLetterKind.Publisher, Event, "broker unreachable", false, false, 2, Created, Updated) { Attempts = 10 },
        [typeof(ReplayResult)] = new ReplayResult(10, 9, 1),
    };

    public static object Of(Type type) =>
        Samples.GetValueOrDefault(type) ?? throw new KeyNotFoundException($"Add a realistic {type} to {nameof(ContractSamples)}.");
}

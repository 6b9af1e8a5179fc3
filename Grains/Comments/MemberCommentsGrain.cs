using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Orleans.Pools;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Dailyfeed.Grains.Comments;

[GrainPool(GrainPools.Read)]
public sealed class MemberCommentsGrain(
    [PersistentState("member_comments")] IPersistentState<MemberCommentsState> comments,
    IOptions<CommentOptions> options) : Grain, IMemberCommentsGrain
{
    public async Task AddAsync(CommentRef comment)
    {
        comments.State.Comments.Insert(0, comment);
        if (comments.State.Comments.Count > options.Value.MaxCommentsPerMember)
        {
            comments.State.Comments.RemoveAt(comments.State.Comments.Count - 1);
        }

        await comments.WriteStateAsync();
    }

    public async Task RemoveAsync(long commentId)
    {
        if (comments.State.Comments.RemoveAll(c => c.CommentId == commentId) > 0)
        {
            await comments.WriteStateAsync();
        }
    }

    public Task<Slice<CommentRef>> GetPageAsync(PageRequest page) => Task.FromResult(Slices.Of(comments.State.Comments, page));
}

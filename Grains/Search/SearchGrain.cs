using Dailyfeed.Grains.Abstractions.Comments;
using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Paging;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Grains.Abstractions.Search;
using Dailyfeed.Grains.Paging;
using Dailyfeed.Grains.ReadModels;
using Dailyfeed.Grains.Text;
using Dailyfeed.Orleans.Pools;

namespace Dailyfeed.Grains.Search;

/// <summary>Queries the index with the grain's key as keyword and turns hits into the views the API returns.</summary>
[GrainPool(GrainPools.Read)]
public sealed class SearchGrain(ISearchIndex index, PostViewReadModel posts) : Grain, ISearchGrain
{
    public const int MaxKeywordLength = 100;

    public async Task<NumberedPage<PostView>> SearchPostsAsync(long viewerId, PageRequest page)
    {
        var hits = await index.SearchAsync(SearchKind.Post, KeywordOrThrow(), page, CancellationToken.None);
        return Numbered(await posts.ViewsAsync(hits.Ids, viewerId), hits);
    }

    public async Task<NumberedPage<CommentView>> SearchCommentsAsync(long viewerId, PageRequest page)
    {
        var hits = await index.SearchAsync(SearchKind.Comment, KeywordOrThrow(), page, CancellationToken.None);
        var comments = await Task.WhenAll(hits.Ids.Select(async id =>
        {
            var postId = await GrainFactory.GetGrain<ICommentGrain>(id).FindPostIdAsync();
            try
            {
                return postId is null ? null : await GrainFactory.GetGrain<ICommentThreadGrain>(postId.Value).GetOrThrowAsync(id, viewerId);
            }
            catch (DomainException ex) when (ex.Code == ErrorCodes.CommentNotFound)
            {
                return null;
            }
        }));
        return Numbered(comments.OfType<CommentView>().ToList(), hits);
    }

    private string KeywordOrThrow()
    {
        var keyword = this.GetPrimaryKeyString().Trim();
        UserText.RefuseControlCharactersOrThrow("keyword", keyword);
        return keyword.Length is 0 or > MaxKeywordLength
            ? throw new DomainException(ErrorCodes.InvalidRequest, $"keyword must be 1-{MaxKeywordLength} characters.")
            : keyword;
    }

    private static NumberedPage<T> Numbered<T>(IReadOnlyList<T> content, SearchHits hits) =>
        NumberedPages.Of(content, hits.Page, hits.Size, hits.TotalElements);
}

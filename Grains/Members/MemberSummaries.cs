using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Runtime;

namespace Dailyfeed.Grains.Members;

/// <summary>Author details for content views: null when the author has left, so their posts still render.</summary>
public static class MemberSummaries
{
    public static async Task<MemberSummary?> FindAsync(IGrainFactory grains, long memberId)
    {
        try
        {
            return await grains.GetGrain<IMemberGrain>(memberId).GetSummaryOrThrowAsync();
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.MemberNotFound)
        {
            return null;
        }
    }
}

/// <summary>
/// A post's recent copy of its author's summary. A timeline page renders ten posts, and asking ten member grains on
/// every read was a third of the read path's grain calls; a rename or new avatar shows in post views within
/// <see cref="MemberOptions.SummaryCacheTtl"/>. Safe under interleaved read-only turns: one immutable snapshot,
/// swapped whole.
/// </summary>
public sealed class AuthorSummaryCache(TimeProvider clock, TimeSpan ttl)
{
    private volatile Snapshot? _last;

    public async Task<MemberSummary?> FindAsync(IGrainFactory grains, long authorId)
    {
        var now = clock.GetUtcNow();
        if (_last is { } last && last.AuthorId == authorId && now - last.ReadAt < ttl)
        {
            return last.Summary;
        }

        var summary = await MemberSummaries.FindAsync(grains, authorId);
        _last = new Snapshot(authorId, summary, now);
        return summary;
    }

    private sealed record Snapshot(long AuthorId, MemberSummary? Summary, DateTimeOffset ReadAt);
}

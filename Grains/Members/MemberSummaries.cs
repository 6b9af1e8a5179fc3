using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Members;

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
/// <see cref="MemberOptions.SummaryCacheTtl"/>. Safe under interleaved read-only turns: a snapshot's author and
/// summary never change (a new summary is a new snapshot, swapped whole); only its read time moves.
/// </summary>
public sealed class AuthorSummaryCache(TimeProvider clock, TimeSpan ttl)
{
    private volatile Snapshot? _last;

    /// <summary>The cached summary (null: the author is gone) if it was read within the TTL.</summary>
    public bool TryGetFresh(long authorId, out MemberSummary? summary)
    {
        var last = _last;
        var fresh = last is not null && last.AuthorId == authorId && clock.GetUtcNow().UtcTicks - last.ReadAtTicks < ttl.Ticks;
        summary = fresh ? last!.Summary : null;
        return fresh;
    }

    public async Task<MemberSummary?> FindAsync(IGrainFactory grains, long authorId)
    {
        if (TryGetFresh(authorId, out var cached))
        {
            return cached;
        }

        var now = clock.GetUtcNow().UtcTicks;
        var summary = await MemberSummaries.FindAsync(grains, authorId);
        if (_last is { } unchanged && unchanged.AuthorId == authorId && unchanged.Summary == summary)
        {
            // Most refreshes find the same summary: keeping the old snapshot means no new object is stored in this
            // long-lived grain, which would otherwise survive into older GC generations every TTL for every post.
            unchanged.ReadAtTicks = now;
            return unchanged.Summary;
        }

        _last = new Snapshot(authorId, summary) { ReadAtTicks = now };
        return summary;
    }

    private sealed class Snapshot(long authorId, MemberSummary? summary)
    {
        private long _readAtTicks;

        public long AuthorId { get; } = authorId;

        public MemberSummary? Summary { get; } = summary;

        public long ReadAtTicks
        {
            get => Volatile.Read(ref _readAtTicks);
            set => Volatile.Write(ref _readAtTicks, value);
        }
    }
}

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

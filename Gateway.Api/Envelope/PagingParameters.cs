using Dailyfeed.Grains.Abstractions.Errors;
using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>Reads ?page=&amp;size= the way the original did: 0-based pages, a default size, a hard upper bound.</summary>
public static class PagingParameters
{
    public const int DefaultSize = 10;
    public const int TimelineDefaultSize = 20;
    public const int MaxSize = 100;

    public static PageRequest ToRequestOrThrow(int? page, int? size, int defaultSize = DefaultSize)
    {
        var request = new PageRequest(page ?? 0, size ?? defaultSize);
        if (request.Page < 0 || request.Size is < 1 or > MaxSize)
        {
            throw new DomainException(ErrorCodes.InvalidRequest, $"page must be >= 0 and size between 1 and {MaxSize}.");
        }

        return request;
    }
}

using Dailyfeed.Grains.Abstractions.Paging;

namespace Dailyfeed.Grains.Paging;

/// <summary>Builds numbered pages the same way for every query that returns one.</summary>
public static class NumberedPages
{
    public static NumberedPage<T> Of<T>(IReadOnlyList<T> content, int page, int size, long totalElements)
    {
        var totalPages = (int)((totalElements + size - 1) / size);
        return new NumberedPage<T>(
            content, page, size, totalElements, totalPages,
            First: page == 0, Last: page >= totalPages - 1, HasNext: page < totalPages - 1, HasPrevious: page > 0);
    }
}

namespace Dailyfeed.Grains.Abstractions.Paging;

/// <summary>A numbered page: { content, page, size, totalElements, totalPages, first, last, hasNext, hasPrevious }.</summary>
public sealed record NumberedPage<T>(
    IReadOnlyList<T> Content,
    int Page,
    int Size,
    long TotalElements,
    int TotalPages,
    bool First,
    bool Last,
    bool HasNext,
    bool HasPrevious);

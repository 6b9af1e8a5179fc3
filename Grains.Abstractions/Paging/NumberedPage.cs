namespace Dailyfeed.Grains.Abstractions.Paging;

/// <summary>A numbered page: { content, page, size, totalElements, totalPages, first, last, hasNext, hasPrevious }.</summary>
/// <remarks>Not [Immutable]: <see cref="Content"/> is often a list or array its builder could still change.</remarks>
[GenerateSerializer, Alias("dailyfeed.paging.NumberedPage`1")]
public sealed record NumberedPage<T>(
    [Id(0)] IReadOnlyList<T> Content,
    [Id(1)] int Page,
    [Id(2)] int Size,
    [Id(3)] long TotalElements,
    [Id(4)] int TotalPages,
    [Id(5)] bool First,
    [Id(6)] bool Last,
    [Id(7)] bool HasNext,
    [Id(8)] bool HasPrevious);

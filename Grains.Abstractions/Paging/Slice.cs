namespace Dailyfeed.Grains.Abstractions.Paging;

/// <summary>A scroll page: the items of page <see cref="Page"/> and whether another page follows.</summary>
public sealed record Slice<T>(IReadOnlyList<T> Content, int Page, int Size, bool HasNext);

/// <summary>A page request as the API receives it (0-based page).</summary>
public readonly record struct PageRequest(int Page, int Size);

namespace Dailyfeed.Grains.Abstractions.Paging;

/// <summary>A scroll page: the items of page <see cref="Page"/> and whether another page follows.</summary>
/// <remarks>Not [Immutable]: <see cref="Content"/> is often a list or array its builder could still change.</remarks>
[GenerateSerializer, Alias("dailyfeed.paging.Slice`1")]
public sealed record Slice<T>([Id(0)] IReadOnlyList<T> Content, [Id(1)] int Page, [Id(2)] int Size, [Id(3)] bool HasNext);

/// <summary>A page request as the API receives it (0-based page).</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.paging.PageRequest")]
public readonly record struct PageRequest([Id(0)] int Page, [Id(1)] int Size);

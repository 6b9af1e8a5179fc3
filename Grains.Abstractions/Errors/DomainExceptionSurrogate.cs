namespace Dailyfeed.Grains.Abstractions.Errors;

/// <summary>The wire form of a <see cref="DomainException"/>: what a caller on another silo needs to rethrow it.</summary>
[GenerateSerializer, Immutable, Alias("dailyfeed.errors.DomainExceptionSurrogate")]
public readonly record struct DomainExceptionSurrogate(
    [Id(0)] string Code,
    [Id(1)] string Message,
    [Id(2)] string? StackTrace);

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>Success envelope, as the original API answers: { status, result: "SUCCESS", data }.</summary>
public sealed record SuccessEnvelope<T>(int Status, string Result, T Data);

/// <summary>Error envelope: the original's fields plus a machine-readable <see cref="Code"/>.</summary>
public sealed record ErrorEnvelope(int StatusCode, string ResultCode, string Message, string Path, string Code);

/// <summary>Scroll page: { content, page, size, hasNext }.</summary>
public sealed record ScrollPage<T>(IReadOnlyList<T> Content, int Page, int Size, bool HasNext);

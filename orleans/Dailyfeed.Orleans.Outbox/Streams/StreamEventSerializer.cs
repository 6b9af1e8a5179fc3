using System.Text.Json;

namespace Dailyfeed.Orleans.Outbox.Streams;

/// <summary>The one JSON shape of a stream event: in the outbox, on the broker, in dead-letter rows.</summary>
public static class StreamEventSerializer
{
    public static string Serialize(StreamEvent streamEvent) => JsonSerializer.Serialize(streamEvent, JsonSerializerOptions.Web);

    public static byte[] SerializeToUtf8Bytes(StreamEvent streamEvent) => JsonSerializer.SerializeToUtf8Bytes(streamEvent, JsonSerializerOptions.Web);

    public static StreamEvent DeserializeOrThrow(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<StreamEvent>(utf8, JsonSerializerOptions.Web) ?? throw new JsonException("An empty stream event.");

    public static StreamEvent DeserializeOrThrow(string json) =>
        JsonSerializer.Deserialize<StreamEvent>(json, JsonSerializerOptions.Web) ?? throw new JsonException("An empty stream event.");
}

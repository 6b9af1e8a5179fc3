using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Serialization;

/// <summary>The one JSON configuration for everything that leaves an activation: call arguments, results, state.</summary>
internal sealed class GrainSerializer
{
    public GrainSerializer(IOptions<SerializationOptions> options)
    {
        var resolvers = options.Value.TypeInfoResolvers
            .Append(OutboxJsonContext.Default)
            .Append(new DefaultJsonTypeInfoResolver())
            .ToArray();
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(resolvers),

            // Tuples and field-only records are common grain results; without this they would serialize as {}.
            IncludeFields = true,
        };
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }

    public byte[] SerializeToUtf8Bytes(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);

    public object? Deserialize(ReadOnlySpan<byte> utf8, Type type) => JsonSerializer.Deserialize(utf8, type, Options);
}

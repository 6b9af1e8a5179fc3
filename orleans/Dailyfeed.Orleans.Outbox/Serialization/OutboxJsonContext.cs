using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dailyfeed.Orleans.Outbox.Serialization;

/// <summary>Source-generated metadata for the outbox's own wire types and common primitives.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;

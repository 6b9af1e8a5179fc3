using System.Text.Json;
using System.Text.Json.Serialization;
using Dailyfeed.Runtime.Messaging;

namespace Dailyfeed.Runtime.Serialization;

/// <summary>Source-generated metadata for the runtime's own wire types and common primitives.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExceptionEnvelope))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(TickStatus))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
